package io.jobrun.run;

import io.jobrun.futures.Initializer;
import io.jobrun.futures.Executor;
import io.jobrun.job.ExecutorSpec;
import java.util.Optional;

/** One kind of pool a job can declare, e.g. {@code threads(8)}; registered in {@link ExecutorKinds}. */
public interface ExecutorKind {
    /** The keyword job files use: "threads". */
    String name();

    /**
     * Creates the pool {@code spec} declares.
     *
     * @param workerSetup what each worker process runs once before its first task (the job's code loaded), or
     *                    null; kinds without worker processes ignore it
     */
    Executor create(ExecutorSpec spec, Initializer workerSetup);

    /** Whether tasks on this kind run in other JVMs: what they use must be sent there, and is checked beforehand. */
    default boolean runsInWorkerProcesses() {
        return false;
    }

    /**
     * Stops what {@code executor} is running now, when the run is stopped (Ctrl-C, the job's timeout); threads are
     * interrupted by the interpreter itself, so by default nothing is done here.
     */
    default void stopRunning(Executor executor) {
    }

    /** Why this kind cannot be used in this build, or empty. */
    default Optional<String> unavailable() {
        return Optional.empty();
    }
}
