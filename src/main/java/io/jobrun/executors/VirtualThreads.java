package io.jobrun.executors;

import io.jobrun.futures.Executor;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.VirtualThreadExecutor;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.OptionSpec;
import java.time.Duration;
import java.util.List;

/** {@code virtualThreads(100)}: a {@link VirtualThreadExecutor}, at most N tasks at once. */
final class VirtualThreads implements ExecutorKind {
    @Override
    public String name() {
        return "virtualThreads";
    }

    @Override
    public String description() {
        return "at most N tasks at once, each on a virtual thread";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(ExecutorRegistry.LEAK_GRACE);
    }

    @Override
    public Executor create(ExecutorSpec spec, Initializer workerSetup) {
        VirtualThreadExecutor.Options options = VirtualThreadExecutor.options().maxWorkers(spec.workers())
                .threadNamePrefix(spec.name());
        Duration leakGrace = spec.option(ExecutorRegistry.LEAK_GRACE.name(), null);
        return new VirtualThreadExecutor(leakGrace == null ? options : options.leakGrace(leakGrace));
    }
}
