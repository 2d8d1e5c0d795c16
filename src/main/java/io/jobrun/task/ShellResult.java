package io.jobrun.task;

import io.jobrun.job.TextResult;

/** What a shell command printed; its {@link #toString()} is stdout without the trailing newline. */
public record ShellResult(int exitStatus, String stdout, String stderr)
        implements TextResult, java.io.Serializable {
    /** Stdout: a fan-out over a shell task takes its lines ({@code seq 1 10}, {@code ls}). */
    @Override
    public String text() {
        return stdout;
    }

    @Override
    public String toString() {
        return stdout.stripTrailing();
    }
}
