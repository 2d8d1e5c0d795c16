package io.jobrun.task;

import io.jobrun.futures.Task;
import io.jobrun.futures.process.TaskProgress;
import java.io.Serializable;
import java.util.List;

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

    /** {@code body}, timed where it runs; with {@code live}, what it prints there reaches {@code live} as it comes. */
    static Task<Object> timed(Task<Object> body, TaskOutput live) {
        return new Timed(body, live, false);
    }

    /**
     * The attempt as it travels. Here, {@code live} is where the lines it prints in a worker go as they come (null when
     * nobody watches them live); there, {@code streams} says that the JVM that sent it listens. A JVM that cannot
     * stream them (a cluster member's threads, or whoever sends it on without listening) keeps them and returns them
     * with the outcome, as without {@code --output}.
     */
    private static final class Timed implements Task<Object>, TaskProgress.Listener {
        @java.io.Serial
        private static final long serialVersionUID = 1L;
        private final Task<Object> body;
        private final transient TaskOutput live;
        private final boolean streams;

        Timed(Task<Object> body, TaskOutput live, boolean streams) {
            this.body = body;
            this.live = live;
            this.streams = streams;
        }

        /** What is sent says whether this JVM listens: a copy sent on by a member that does not listen keeps its lines. */
        @java.io.Serial
        private Object writeReplace() {
            return new Timed(body, null, live != null);
        }

        @Override
        public Object call() throws Exception {
            long start = System.nanoTime();
            boolean streaming = streams && TaskProgress.available();
            TaskOutput printed = new TaskOutput(null, streaming ? (task, line) -> TaskProgress.report(line) : null);
            Object value;
            try {
                value = io.jobrun.job.Printing.with(printed, body::call);
            } catch (Exception | Error failure) {
                // NOTE: the lines travel back with the failure, so that its report shows what the task printed.
                failure.addSuppressed(new PrintedLines(streaming ? List.of() : printed.lines()));
                throw failure;
            }
            return new WorkerOutcome(value, System.nanoTime() - start, ProcessHandle.current().pid(),
                    streaming ? List.of() : printed.lines());
        }

        /** Here: a line the task printed in the worker, as it came. */
        @Override
        public void progress(Object value) {
            if (live != null && value instanceof String line) {
                live.addAll(List.of(line));
            }
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
