package io.jobrun.job;

import io.jobrun.futures.Future;
import io.jobrun.futures.Task;
import java.time.Duration;
import java.util.Map;

/** What running code may ask of the run: its input, earlier results, and the pools to submit more work to. */
public interface TaskContext {
    /** The name in the report, e.g. {@code analyze[a.txt]}. */
    String taskName();

    /** The fan-out item, the upstream result for {@code then}, or null. */
    Object input();

    /** The results of the tasks finished so far, by task name; a fan-out's result is the list of its items' results. */
    Map<String, Object> results();

    /**
     * Submits extra work to a declared executor; it is reported as a task named {@code label}.
     *
     * @param executor  a declared executor's name
     * @param timeLimit null for none
     */
    <T> Future<T> submit(String executor, String label, Task<T> work, Duration timeLimit);

    /**
     * The variables the run adds to the environment (those of env files), which a shell task's process gets over
     * jobrun's own and {@code ${env.NAME}} reads ({@link JobEnvironment#view}); empty when there are none.
     */
    default Map<String, String> environment() {
        return Map.of();
    }

    /**
     * Where this attempt's printing goes ({@link Printed}), or null where nothing collects it (a job callback prints
     * to the job's own output).
     */
    default Printed output() {
        return null;
    }

    /** Registers a pool that code created for itself, so the report counts its work and the run shuts it down. */
    <T> Future<T> submitTo(io.jobrun.futures.Executor pool, String poolName, String label, Task<T> work,
                           Duration timeLimit);

    /**
     * As {@link #submitTo}, for a pool of worker processes that code created: {@code work} travels to a worker, so
     * it is not wrapped to measure it here.
     */
    default <T> Future<T> submitToWorkers(io.jobrun.futures.Executor pool, String poolName, String label,
                                          Task<T> work, Duration timeLimit) {
        return submitTo(pool, poolName, label, work, timeLimit);
    }
}
