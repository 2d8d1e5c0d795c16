package io.jobrun.job;

import io.jobrun.job.text.Excerpt;
import io.jobrun.job.text.Suggestions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables a run adds to the environment its tasks see: those of the job's {@code dotenv} files in order, then
 * those of the command line's {@code --env-file} files in order, a later file winning over an earlier one and every
 * file over jobrun's own environment (what is written down for the job is what runs, as with {@code docker run
 * --env-file}; Taskfile's users reported the opposite as a bug, go-task/task#1038). A shell task's own {@code env:}
 * wins over all of them.
 *
 * @param added     the variables from env files, by name, in the order they were first given
 * @param commandLine the part of {@code added} that came from {@code --env-file}
 */
public record JobEnvironment(Map<String, String> added, Map<String, String> commandLine) {
    /** No env files. */
    public static final JobEnvironment NONE = new JobEnvironment(Map.of(), Map.of());

    public JobEnvironment {
        added = Collections.unmodifiableMap(new LinkedHashMap<>(added));
        commandLine = Collections.unmodifiableMap(new LinkedHashMap<>(commandLine));
    }

    /** An environment and what was wrong with the job's part of it. */
    public record Loaded(JobEnvironment environment, List<Problem> problems) {
        public Loaded {
            problems = List.copyOf(problems);
        }
    }

    /** Just the variables of the command line's {@code --env-file} files. */
    public static JobEnvironment ofCommandLine(Map<String, String> variables) {
        return new JobEnvironment(variables, variables);
    }

    /**
     * This environment with {@code job}'s {@code dotenv} files read under it (relative to the job file), and its
     * {@code secrets} checked: a missing or broken file, and a secret that names nothing, are problems at their place.
     */
    public Loaded forJob(Job job) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> merged = new LinkedHashMap<>();
        Path directory = Path.of(job.file()).toAbsolutePath().getParent();
        for (int i = 0; i < job.dotenv().size(); i++) {
            String name = job.dotenv().get(i);
            Path path = directory.resolve(name);
            String shown = shown(job.file(), name);
            try {
                merged.putAll(EnvFile.read(path, shown));
            } catch (EnvFile.UnreadableException e) {
                Problem first = e.problems().get(0);
                if (first.position().line() == 0) {
                    problems.add(new Problem(job.positions().at("dotenv." + i), "dotenv file " + Excerpt.of(name)
                            + " cannot be read: " + shown + ": " + first.message()));
                } else {
                    problems.addAll(e.problems());
                }
            }
        }
        merged.putAll(commandLine);
        JobEnvironment environment = new JobEnvironment(merged, commandLine);
        problems.addAll(environment.unknownSecrets(job));
        return new Loaded(environment, problems);
    }

    /** How a message names a dotenv file: relative to where jobrun runs when the job file is. */
    private static String shown(String jobFile, String name) {
        Path parent = Path.of(jobFile).getParent();
        return parent == null || Path.of(name).isAbsolute() ? name : parent.resolve(name).normalize().toString();
    }

    /** Each name of the job's {@code secrets} that is neither a parameter nor a variable of this environment. */
    private List<Problem> unknownSecrets(Job job) {
        List<Problem> problems = new ArrayList<>();
        Set<String> known = new LinkedHashSet<>(job.declared().keySet());
        known.addAll(job.params().keySet());
        known.addAll(added.keySet());
        for (int i = 0; i < job.secrets().size(); i++) {
            String name = job.secrets().get(i);
            if (!known.contains(name) && System.getenv(name) == null) {
                problems.add(new Problem(job.positions().at("secrets." + i), "secret '" + name + "' names no"
                        + " parameter and no environment variable (of jobrun's environment or an env file)"
                        + Suggestions.hint(name, known)));
            }
        }
        return problems;
    }

    /** What tasks read as {@code env}: jobrun's own environment with {@code added} over it. */
    public static Map<String, String> view(Map<String, String> added) {
        if (added.isEmpty()) {
            return System.getenv();
        }
        Map<String, String> all = new HashMap<>(System.getenv());
        all.putAll(added);
        return Collections.unmodifiableMap(all);
    }

    /**
     * The values no report may show: every value from an env file, and the value of each variable {@code secrets}
     * names.
     */
    public List<String> secretValues(List<String> secrets) {
        List<String> values = new ArrayList<>(added.values());
        Map<String, String> all = view(added);
        for (String name : secrets) {
            String value = all.get(name);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }
}
