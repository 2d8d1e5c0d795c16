package io.jobrun.futures;

/**
 * The waiting thread was interrupted; its interrupt status is set again before this is thrown.
 *
 * <p>The unchecked counterpart of {@link InterruptedException} for the CPython-style calls that cannot declare it
 * ({@code result()}, {@code wait}, {@code asCompleted}, {@code map}); the cause is the original interruption.
 */
public class WaitInterruptedException extends RuntimeException {
    public WaitInterruptedException(InterruptedException cause) {
        super("interrupted while waiting", cause);
    }
}
