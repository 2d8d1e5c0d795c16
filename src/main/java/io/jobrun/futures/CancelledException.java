package io.jobrun.futures;

import java.util.concurrent.CancellationException;

/** The future was cancelled; CPython's {@code CancelledError}. */
public class CancelledException extends CancellationException {
    public CancelledException() {
        super();
    }

    public CancelledException(String message) {
        super(message);
    }
}
