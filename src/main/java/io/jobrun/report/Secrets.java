package io.jobrun.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The values a run must never write into a report. Every text a report takes from the job or its tasks (parameters,
 * names, errors, output, results) goes through {@link #mask}. Whoever knows which values are secret builds this; a
 * report only masks.
 *
 * <p>A value is secret when it came from an env file, or belongs to a parameter or environment variable the job
 * names in {@code secrets}, or to a parameter whose name says so ({@link #SECRET_NAME}: {@code token},
 * {@code api_key}, {@code password}, ..., as CI systems and Spring's sanitizer decide it). A secret parameter is listed
 * as {@value #MASK}, and a secret value is masked in every other text when it is at least {@value #SHORTEST}
 * characters long (masking "1" everywhere would make the reports unreadable and protect nothing).
 *
 * <p>Masking happens once, on the way out: {@link SecretMask} masks every event of a run before any listener (a
 * report, the summary, the progress line, the journal) sees it, and the command line masks the lines it prints
 * as they come.
 */
public final class Secrets {
    /** Nothing is secret. */
    public static final Secrets NONE = new Secrets(List.of(), Set.of());

    /** Names of parameters whose values are secret: a part of the name, any case. */
    public static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth)");

    /** Values shorter than this are not masked in free text, only in the list of parameters. */
    static final int SHORTEST = 4;

    /** What a secret value is replaced with. */
    public static final String MASK = "***";

    /** Longest first, so that a secret containing another is masked whole. */
    private final List<String> values;
    /** Parameters whose values are secret. */
    private final Set<String> names;

    /**
     * The values of at least {@value #SHORTEST} characters by their first {@value #SHORTEST}, each list longest
     * first: masking looks up each place of a text once, so an env file of thousands of values costs no more per
     * text than one value does.
     */
    private final Map<Long, List<String>> byStart = new java.util.HashMap<>();
    /** The values shorter than that ({@link #of} keeps them), tried one by one. */
    private final List<String> shortValues = new ArrayList<>();

    private Secrets(List<String> values, Set<String> names) {
        this.values = values;
        this.names = names;
        for (String value : values) {
            if (value.length() >= SHORTEST) {
                byStart.computeIfAbsent(start(value, 0), k -> new ArrayList<>()).add(value);
            } else {
                shortValues.add(value);
            }
        }
    }

    /** The parameters among {@code params} whose names say they are secret, and their values. */
    public static Secrets ofParams(Map<String, String> params) {
        Set<String> names = new TreeSet<>();
        List<String> values = new ArrayList<>();
        params.forEach((name, value) -> {
            if (SECRET_NAME.matcher(name).find()) {
                names.add(name);
                if (value != null && value.length() >= SHORTEST) {
                    values.add(value);
                }
            }
        });
        return names.isEmpty() ? NONE : new Secrets(sorted(values), Set.copyOf(names));
    }

    /**
     * The secrets of a run of {@code job}: its parameters named like secrets or named in its {@code secrets}, the
     * environment variables it names there, and every value from an env file.
     */
    public static Secrets ofRun(io.jobrun.job.Job job, io.jobrun.job.JobEnvironment environment) {
        Set<String> names = new TreeSet<>();
        List<String> values = new ArrayList<>();
        job.params().forEach((name, value) -> {
            if (SECRET_NAME.matcher(name).find() || job.secrets().contains(name)) {
                names.add(name);
                values.add(value);
            }
        });
        values.addAll(environment.secretValues(job.secrets()));
        List<String> long4 = new ArrayList<>();
        for (String value : values) {
            if (value != null && value.length() >= SHORTEST) {
                long4.add(value);
            }
        }
        return names.isEmpty() && long4.isEmpty() ? NONE : new Secrets(sorted(long4), Set.copyOf(names));
    }

    /** Whether {@code text} holds a secret value. */
    public boolean appearsIn(String text) {
        if (text == null || values.isEmpty()) {
            return false;
        }
        for (int i = 0; !byStart.isEmpty() && i + SHORTEST <= text.length(); i++) {
            if (at(text, i) != null) {
                return true;
            }
        }
        for (String value : shortValues) {
            if (text.contains(value)) {
                return true;
            }
        }
        return false;
    }

    /** Masks each of {@code values}; empty values are ignored (masking "" would mask everything). */
    public static Secrets of(Iterable<String> values) {
        List<String> kept = new ArrayList<>();
        values.forEach(kept::add);
        List<String> sorted = sorted(kept);
        return sorted.isEmpty() ? NONE : new Secrets(sorted, Set.of());
    }

    /** Without empty values and repeats, longest first. */
    private static List<String> sorted(List<String> values) {
        List<String> kept = new ArrayList<>();
        for (String value : values) {
            if (value != null && !value.isEmpty() && !kept.contains(value)) {
                kept.add(value);
            }
        }
        kept.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(kept);
    }

    /** These secrets and {@code other}'s. */
    public Secrets and(Secrets other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        List<String> all = new ArrayList<>(values);
        all.addAll(other.values);
        Set<String> allNames = new TreeSet<>(names);
        allNames.addAll(other.names);
        return new Secrets(sorted(all), Set.copyOf(allNames));
    }

    public boolean isEmpty() {
        return values.isEmpty() && names.isEmpty();
    }

    /** The value of the parameter {@code name} as a report lists it: {@value #MASK} for a secret one. */
    public String param(String name, String value) {
        return names.contains(name) ? MASK : mask(value);
    }

    /** {@code text} with every secret value in it replaced by {@link #MASK}; null stays null. */
    public String mask(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String masked = text;
        if (!byStart.isEmpty()) {
            StringBuilder out = null;
            int copied = 0;
            for (int i = 0; i + SHORTEST <= masked.length(); ) {
                String found = at(masked, i);
                if (found == null) {
                    i++;
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(masked.length());
                }
                out.append(masked, copied, i).append(MASK);
                i += found.length();
                copied = i;
            }
            if (out != null) {
                masked = out.append(masked, copied, masked.length()).toString();
            }
        }
        for (String value : shortValues) {
            if (masked.contains(value)) {
                masked = masked.replace(value, MASK);
            }
        }
        return masked;
    }

    /** The longest secret value that starts at {@code index} of {@code text}, or null. */
    private String at(String text, int index) {
        List<String> candidates = byStart.get(start(text, index));
        if (candidates != null) {
            for (String value : candidates) {
                if (text.startsWith(value, index)) {
                    return value;
                }
            }
        }
        return null;
    }

    /** The {@value #SHORTEST} characters of {@code text} at {@code index}, as one number. */
    private static long start(String text, int index) {
        return (long) text.charAt(index) << 48 | (long) text.charAt(index + 1) << 32
                | (long) text.charAt(index + 2) << 16 | text.charAt(index + 3);
    }
}
