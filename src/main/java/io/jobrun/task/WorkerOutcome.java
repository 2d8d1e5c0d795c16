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
 */
public record WorkerOutcome(Object value, long runNanos, long pid) implements Serializable {

    /** {@code body}, timed where it runs. */
    static Task<Object> timed(Task<Object> body) {
        return new Timed(body);
    }

    private record Timed(Task<Object> body) implements Task<Object> {
        @Override
        public Object call() throws Exception {
            long start = System.nanoTime();
            Object value = body.call();
            return new WorkerOutcome(value, System.nanoTime() - start, ProcessHandle.current().pid());
        }
    }
}
