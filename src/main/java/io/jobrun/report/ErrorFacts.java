package io.jobrun.report;

import io.jobrun.run.ErrorText;
import io.jobrun.run.TaskInstance;

/**
 * Why an attempt or a task did not succeed, as every report file states it.
 *
 * @param type    the error's class name ("IllegalStateException", "ShellFailedException")
 * @param message the line the summary prints for it ({@link ErrorText}); secrets are masked before (
 *                {@link SecretMask})
 * @param at      the job-file line it came from ("jobs/etl.groovy:14") when its stack passes through the job file,
 *                else where the task is defined
 */
public record ErrorFacts(String type, String message, String at) {
    /** The facts of {@code error} raised by {@code task}; null when there is no error. */
    static ErrorFacts of(Throwable error, TaskInstance task) {
        if (error == null) {
            return null;
        }
        String line = codeLine(error, task.position().file());
        String type = io.jobrun.run.ErrorText.type(error);
        return new ErrorFacts(type, ErrorText.of(error),
                line != null ? line : task.position().toString());
    }

    /** "jobs/x.groovy:14": the job-file line the error came from, when its stack passes through the job file. */
    static String codeLine(Throwable error, String jobFile) {
        String simpleName = jobFile.substring(jobFile.lastIndexOf('/') + 1);
        for (Throwable t = error; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (simpleName.equals(frame.getFileName()) && frame.getLineNumber() > 0) {
                    return jobFile + ":" + frame.getLineNumber();
                }
            }
        }
        return null;
    }
}
