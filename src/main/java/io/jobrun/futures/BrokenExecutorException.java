package io.jobrun.futures;

/** The executor can no longer run work; CPython's {@code BrokenExecutor}. */
public class BrokenExecutorException extends RuntimeException {
    public BrokenExecutorException(String message) {
        super(message);
    }

    public BrokenExecutorException(String message, Throwable cause) {
        super(message, cause);
    }
}
