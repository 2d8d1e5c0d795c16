package io.jobrun.executors;

import io.jobrun.job.ExecutorKinds;
import io.jobrun.job.OptionSpec;
import io.jobrun.job.OptionType;
import java.util.List;

/** The executor kinds of this build: one line per kind. */
public final class ExecutorRegistry {
    /** The option every pool of threads takes. */
    static final OptionSpec LEAK_GRACE = new OptionSpec("leakGrace", OptionType.DURATION, null,
            "how long a timed-out task may ignore its interrupt before it is reported leaked; by default 1s");

    public static final ExecutorKinds STANDARD = new ExecutorKinds(List.of(
            new Threads(),
            new VirtualThreads(),
            new Processes(),
            new Cluster()));

    private ExecutorRegistry() {
    }
}
