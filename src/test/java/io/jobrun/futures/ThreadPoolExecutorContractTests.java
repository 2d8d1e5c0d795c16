package io.jobrun.futures;

import java.time.Duration;

class ThreadPoolExecutorContractTests extends ThreadExecutorContract {
    @Override
    protected Executor newExecutor(int maxWorkers, Duration leakGrace) {
        return new ThreadPoolExecutor(ThreadPoolExecutor.options().maxWorkers(maxWorkers).leakGrace(leakGrace));
    }

    @Override
    protected Executor newExecutor(int maxWorkers, Initializer initializer) {
        return new ThreadPoolExecutor(ThreadPoolExecutor.options().maxWorkers(maxWorkers).initializer(initializer));
    }

    @Override
    protected int leakedTasks(Executor executor) {
        return ((ThreadPoolExecutor) executor).leakedTasks();
    }
}
