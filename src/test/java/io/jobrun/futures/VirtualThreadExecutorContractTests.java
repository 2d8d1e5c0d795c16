package io.jobrun.futures;

import java.time.Duration;

class VirtualThreadExecutorContractTests extends ThreadExecutorContract {
    @Override
    protected Executor newExecutor(int maxWorkers, Duration leakGrace) {
        return new VirtualThreadExecutor(VirtualThreadExecutor.options().maxWorkers(maxWorkers).leakGrace(leakGrace));
    }

    @Override
    protected Executor newExecutor(int maxWorkers, Initializer initializer) {
        return new VirtualThreadExecutor(VirtualThreadExecutor.options().maxWorkers(maxWorkers).initializer(initializer));
    }

    @Override
    protected int leakedTasks(Executor executor) {
        return ((VirtualThreadExecutor) executor).leakedTasks();
    }
}
