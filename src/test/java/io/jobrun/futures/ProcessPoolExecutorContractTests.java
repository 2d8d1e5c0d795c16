package io.jobrun.futures;

import io.jobrun.futures.process.ProcessPoolExecutor;

/** The executor contract, run against worker JVMs; tasks block on files, since they cannot see this JVM's latches. */
class ProcessPoolExecutorContractTests extends ExecutorContract {
    @Override
    protected Executor newExecutor(int maxWorkers) {
        return new ProcessPoolExecutor(maxWorkers);
    }

    @Override
    protected Gate newGate() {
        return FileGate.create();
    }
}
