package io.jobrun.job;

import java.util.List;
import java.util.Objects;

/**
 * How a task takes part in {@code --resume}: whether a result recorded by an earlier run may stand for it, whether its
 * effect must not happen twice, and which files it reads.
 *
 * @param mode   whether it may be reused, and how its input files are compared
 * @param once   its effect must not repeat: a resume stops before running it again when it was running as the
 *               previous run stopped ({@code once: true})
 * @param inputs the files it reads, as the job writes them: templates that may use {@code ${item}},
 *               {@code ${params.x}} and {@code ${results.x}}; a change to one re-runs the task
 */
public record Caching(CacheMode mode, boolean once, List<String> inputs) {
    /** A task that says nothing about resuming: reusable, its inputs (none) compared by size and time. */
    public static final Caching DEFAULT = new Caching(CacheMode.STAT, false, List.of());

    /** @throws RuleException for an input that names no file */
    public Caching {
        Objects.requireNonNull(mode, "mode");
        inputs = List.copyOf(inputs);
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).isBlank()) {
                throw new RuleException("inputs." + i, "inputs must name files; item " + (i + 1) + " is empty");
            }
        }
    }

    /** Whether a recorded result may stand for the task at all. */
    public boolean reusable() {
        return mode != CacheMode.OFF;
    }
}
