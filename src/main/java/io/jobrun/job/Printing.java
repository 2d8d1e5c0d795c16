package io.jobrun.job;

import java.util.concurrent.Callable;

/**
 * The output of the task whose body runs on this thread, for printing that cannot be handed a context: a script
 * engine's {@code print}, a closure's {@code println}, and everything a body prints in a worker process.
 */
public final class Printing {
    private static final ThreadLocal<Printed> CURRENT = new ThreadLocal<>();

    private Printing() {
    }

    /** The output of the task running on this thread, or null. */
    public static Printed current() {
        return CURRENT.get();
    }

    /** Runs {@code body} with {@code printed} as this thread's task output (null leaves the current one). */
    public static <T> T with(Printed printed, Callable<T> body) throws Exception {
        if (printed == null) {
            return body.call();
        }
        Printed outer = CURRENT.get();
        CURRENT.set(printed);
        try {
            return body.call();
        } finally {
            CURRENT.set(outer);
        }
    }
}
