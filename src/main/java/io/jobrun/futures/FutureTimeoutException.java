package io.jobrun.futures;

/**
 * A wait ran out of time, or a task ran past its time limit; CPython's {@code TimeoutError}.
 *
 * <p>Unchecked, unlike {@link java.util.concurrent.TimeoutException}, which only
 * {@link java.util.concurrent.Future#get(long, java.util.concurrent.TimeUnit)} throws.
 */
public class FutureTimeoutException extends RuntimeException {
    public FutureTimeoutException() {
        super();
    }

    public FutureTimeoutException(String message) {
        super(message);
    }
}
