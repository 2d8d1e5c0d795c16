package io.jobrun.futures.process;

import io.jobrun.futures.BrokenExecutorException;

/**
 * A worker process died under a task, or the pool cannot start workers; CPython's {@code BrokenProcessPool}.
 *
 * <p>Unlike CPython, a worker's death fails only the futures that worker was running, each with its own instance;
 * only a failed initializer or a worker JVM that cannot start breaks the whole pool.
 */
public class BrokenProcessPoolException extends BrokenExecutorException {
    public BrokenProcessPoolException(String message) {
        super(message);
    }

    public BrokenProcessPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
