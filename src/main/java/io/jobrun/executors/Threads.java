package io.jobrun.executors;

import io.jobrun.futures.Executor;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.ThreadPoolExecutor;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.OptionSpec;
import java.time.Duration;
import java.util.List;

/** {@code threads(8)}: a {@link ThreadPoolExecutor} of platform threads. */
final class Threads implements ExecutorKind {
    @Override
    public String name() {
        return "threads";
    }

    @Override
    public String description() {
        return "a pool of N platform threads";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(ExecutorRegistry.LEAK_GRACE);
    }

    /** Python's {@code ThreadPoolExecutor()}: min(32, processors + 4), for work that waits more than it computes. */
    @Override
    public int defaultWorkers() {
        return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    }

    @Override
    public Executor create(ExecutorSpec spec, Initializer workerSetup) {
        ThreadPoolExecutor.Options options = ThreadPoolExecutor.options().maxWorkers(spec.workers())
                .threadNamePrefix(spec.name());
        Duration leakGrace = spec.option(ExecutorRegistry.LEAK_GRACE.name(), null);
        return new ThreadPoolExecutor(leakGrace == null ? options : options.leakGrace(leakGrace));
    }
}
