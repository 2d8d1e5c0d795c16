package io.jobrun.run;

import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.task.ShellFailedException;

/** One short line for an error, as the report shows it: "IOException: Connection refused". */
public final class ErrorText {
    private ErrorText() {
    }

    public static String of(Throwable error) {
        if (error == null) {
            return "";
        }
        String message = error.getMessage();
        if (error instanceof FutureTimeoutException || error instanceof ShellFailedException
                || error instanceof io.jobrun.job.JobScriptError
                || error instanceof io.jobrun.task.script.ScriptException) {
            return message;
        }
        String name = error.getClass().getSimpleName();
        if (name.isEmpty()) {
            name = error.getClass().getName();
        }
        return message == null || message.isBlank() ? name : name + ": " + message.lines().findFirst().orElse("");
    }
}
