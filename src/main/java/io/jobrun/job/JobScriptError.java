package io.jobrun.job;

/**
 * A mistake in job-file code found while it ran (an unknown method or property), already worded for the user with
 * its place; a front throws it instead of its language's internal exception.
 */
public class JobScriptError extends RuntimeException {
    private final SourcePosition position;
    private final String detail;

    public JobScriptError(SourcePosition position, String message) {
        super(position + ": " + message);
        this.position = position;
        this.detail = message;
    }

    /** The message without its position. */
    public String detail() {
        return detail;
    }

    public SourcePosition position() {
        return position;
    }
}
