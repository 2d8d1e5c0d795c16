package io.jobrun.job;

import java.util.Optional;
import java.util.Set;

/** Which executor kinds this build can create; the interpreter's registry answers, validation asks. */
public interface ExecutorCatalog {
    /** Every kind name, available or not, for "did you mean". */
    Set<String> kinds();

    /** Why {@code kind} cannot be used in this build, or empty when it can. */
    Optional<String> unavailable(String kind);

    /** Whether tasks on executors of {@code kind} run in other JVMs, so that what they use must be sent there. */
    default boolean runsInWorkerProcesses(String kind) {
        return false;
    }
}
