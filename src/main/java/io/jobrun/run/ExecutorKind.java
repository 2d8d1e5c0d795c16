package io.jobrun.run;

import io.jobrun.futures.Executor;
import io.jobrun.job.ExecutorSpec;
import java.util.Optional;

/** One kind of pool a job can declare, e.g. {@code threads(8)}; registered in {@link ExecutorKinds}. */
public interface ExecutorKind {
    /** The keyword job files use: "threads". */
    String name();

    Executor create(ExecutorSpec spec);

    /** Why this kind cannot be used in this build, or empty. */
    default Optional<String> unavailable() {
        return Optional.empty();
    }
}
