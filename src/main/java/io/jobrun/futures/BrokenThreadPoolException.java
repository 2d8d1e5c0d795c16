package io.jobrun.futures;

/** A worker thread's initializer failed, so the pool is unusable; CPython's {@code BrokenThreadPool}. */
public class BrokenThreadPoolException extends BrokenExecutorException {
    public BrokenThreadPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
