package io.jobrun.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The values a run must never write into a report: a parameter the job marks secret, a value read from an env file.
 * Every text a report takes from the job or its tasks (parameters, names, errors, output, results) goes through
 * {@link #mask}. Whoever knows which values are secret (the command line, once jobs can mark them) builds this; a
 * report only masks.
 */
public final class Secrets {
    /** Nothing is secret. */
    public static final Secrets NONE = new Secrets(List.of());

    /** What a secret value is replaced with. */
    public static final String MASK = "***";

    /** Longest first, so that a secret containing another is masked whole. */
    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    /** Masks each of {@code values}; empty values are ignored (masking "" would mask everything). */
    public static Secrets of(Iterable<String> values) {
        List<String> kept = new ArrayList<>();
        for (String value : values) {
            if (value != null && !value.isEmpty() && !kept.contains(value)) {
                kept.add(value);
            }
        }
        kept.sort(Comparator.comparingInt(String::length).reversed());
        return kept.isEmpty() ? NONE : new Secrets(List.copyOf(kept));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code text} with every secret value in it replaced by {@link #MASK}; null stays null. */
    public String mask(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String value : values) {
            if (masked.contains(value)) {
                masked = masked.replace(value, MASK);
            }
        }
        return masked;
    }
}
