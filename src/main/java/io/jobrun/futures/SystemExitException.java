package io.jobrun.futures;

/**
 * The task called {@code System.exit}; CPython stores {@code SystemExit} on such a future. Java's exit does not
 * return, so the future is failed with this when the JVM exits and {@link ExitHook} finds the task's thread blocked
 * in it.
 */
public class SystemExitException extends RuntimeException {
    public SystemExitException(String message) {
        super(message);
    }

    /** The failure of a task whose thread is blocked in exit for good. */
    public static SystemExitException blockedInExit() {
        return new SystemExitException("the task called System.exit; the JVM exits without it");
    }
}
