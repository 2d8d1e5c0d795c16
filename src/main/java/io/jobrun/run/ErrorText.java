package io.jobrun.run;

import io.jobrun.futures.CancelledException;
import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.futures.SystemExitException;
import io.jobrun.job.JobScriptError;
import io.jobrun.job.expr.ExpressionException;
import io.jobrun.task.ShellDirectoryException;
import io.jobrun.task.ShellFailedException;
import io.jobrun.task.http.HttpFailedException;
import io.jobrun.task.http.HttpStatusException;
import io.jobrun.task.script.ScriptException;
import java.util.List;

/**
 * One short line for an error, as the report shows it. An error jobrun itself raised reads as its message alone
 * ("skipped because 'build' did not succeed", "GET http://x/ failed: connection refused"); an exception a task's own
 * code threw keeps its type in front, which says what happened: "NumberFormatException: For input string: "x"".
 */
public final class ErrorText {
    /** Errors whose message is a whole sentence written for the report; their class name would only be noise. */
    private static final List<Class<? extends Throwable>> PLAIN = List.of(FutureTimeoutException.class,
            CancelledException.class, SystemExitException.class, RunnerDecision.class, ConditionUnmet.class,
            ShellFailedException.class,
            ShellDirectoryException.class,
            HttpStatusException.class, HttpFailedException.class, JobScriptError.class, ScriptException.class,
            ExpressionException.class);

    private ErrorText() {
    }

    /** "IllegalStateException": the simple name of {@code error}'s class, or of the error a masked one stands for. */
    public static String type(Throwable error) {
        if (error instanceof MaskedError masked) {
            return masked.type();
        }
        String name = error.getClass().getSimpleName();
        return name.isEmpty() ? error.getClass().getName() : name;
    }

    public static String of(Throwable error) {
        if (error == null) {
            return "";
        }
        if (error instanceof MaskedError masked) {
            return masked.getMessage();
        }
        String message = error.getMessage();
        for (Class<? extends Throwable> plain : PLAIN) {
            if (plain.isInstance(error) && message != null && !message.isBlank()) {
                return message;
            }
        }
        String name = error.getClass().getSimpleName();
        if (name.isEmpty()) {
            name = error.getClass().getName();
        }
        return message == null || message.isBlank() ? name : name + ": " + message.lines().findFirst().orElse("");
    }
}
