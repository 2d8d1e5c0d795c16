package io.jobrun.task;

import io.jobrun.futures.Task;
import java.io.Serializable;

/**
 * What an attempt run in a worker process returns: its result and how long it ran there.
 *
 * <p>This JVM cannot see when a worker takes an attempt, so a time measured here would include the wait for a free
 * worker and the worker's start-up; the worker measures the attempt itself.
 *
 * @param value    the body's result
 * @param runNanos how long the body ran in the worker
 * @param pid      the worker process's id
 * @param output   what the body printed there (its first and last lines)
 */
public record WorkerOutcome(Object value, long runNanos, long pid, java.util.List<String> output)
        implements Serializable {
    public WorkerOutcome {
        output = java.util.List.copyOf(output);
    }

    /** {@code body}, timed where it runs. */
    static Task<Object> timed(Task<Object> body) {
        return new Timed(body);
    }

    private record Timed(Task<Object> body) implements Task<Object> {
        @Override
        public Object call() throws Exception {
            long start = System.nanoTime();
            TaskOutput printed = new TaskOutput(null, null);
            Object value;
            try {
                value = io.jobrun.job.Printing.with(printed, body::call);
            } catch (Exception | Error failure) {
                // NOTE: the lines travel back with the failure, so that its report shows what the task printed.
                failure.addSuppressed(new PrintedLines(printed.lines()));
                throw failure;
            }
            return new WorkerOutcome(value, System.nanoTime() - start, ProcessHandle.current().pid(),
                    printed.lines());
        }
    }

    /** What a body printed in a worker before it failed, carried back as a suppressed exception of its failure. */
    public static final class PrintedLines extends RuntimeException {
        private final java.util.ArrayList<String> lines;

        PrintedLines(java.util.List<String> lines) {
            super("what the task printed", null, false, false);
            this.lines = new java.util.ArrayList<>(lines);
        }

        public java.util.List<String> lines() {
            return java.util.List.copyOf(lines);
        }

        /** The lines carried by {@code failure}, or empty. */
        public static java.util.List<String> of(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                for (Throwable suppressed : t.getSuppressed()) {
                    if (suppressed instanceof PrintedLines printed) {
                        return printed.lines();
                    }
                }
            }
            return java.util.List.of();
        }
    }
}
