package io.jobrun.job;

import java.util.List;

/**
 * What a front (Groovy, YAML) makes of a job file: the model, and the problems it found while reading it.
 *
 * @param job      the model, or null when the file could not be read at all (a syntax error)
 * @param problems what the front found, in file order; the model's own validation adds its problems later
 * @param warnings what is allowed but risky, such as {@code ${raw(...)}} in a shell command; shown, never fatal
 */
public record LoadedJob(Job job, List<Problem> problems, List<Problem> warnings) {
    public LoadedJob {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        if (job == null && problems.isEmpty()) {
            throw new IllegalArgumentException("a job file without a model must have problems");
        }
    }

    public LoadedJob(Job job, List<Problem> problems) {
        this(job, problems, List.of());
    }
}
