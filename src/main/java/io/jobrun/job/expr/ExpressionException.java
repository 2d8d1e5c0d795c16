package io.jobrun.job.expr;

/**
 * An expression that cannot be read or evaluated, worded for the user.
 *
 * @see Template
 */
public class ExpressionException extends RuntimeException {
    /** Where in the template text the problem is, 0-based; -1 when it has no place. */
    private final int offset;

    public ExpressionException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
