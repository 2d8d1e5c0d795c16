package io.jobrun.run;

/**
 * An error whose text held a secret, as the run's listeners see it: its line with the secret masked
 * ({@link ErrorText#of}), the name of the error it stands for, and that error's stack, so that reports still name
 * the job-file line it came from.
 */
public final class MaskedError extends RuntimeException {
    /** The simple class name of the error it stands for. */
    private final String type;

    public MaskedError(String type, String line, StackTraceElement[] stack) {
        super(line, null, false, true);
        this.type = type;
        setStackTrace(stack);
    }

    /** "IllegalStateException": what the original error was. */
    public String type() {
        return type;
    }
}
