package io.jobrun.futures;

/** A future was asked for a move its state does not allow; CPython's {@code InvalidStateError}. */
public class InvalidStateException extends IllegalStateException {
    public InvalidStateException(String message) {
        super(message);
    }
}
