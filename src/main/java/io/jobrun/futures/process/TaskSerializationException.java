package io.jobrun.futures.process;

/**
 * A task, its arguments or its result could not cross the process boundary; CPython's {@code PicklingError}.
 * The message names the class at fault. The pool stays usable.
 */
public class TaskSerializationException extends RuntimeException {
    public TaskSerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
