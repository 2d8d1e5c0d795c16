package io.jobrun.job;

import java.util.Objects;

/**
 * A value of the model that breaks one of its rules, worded for the user and naming the part it is about (a dotted
 * path such as {@code factor} or {@code expect.1}), so that a front can place the message at that part.
 */
public class RuleException extends IllegalArgumentException {
    private final String part;

    public RuleException(String part, String message) {
        super(message);
        this.part = Objects.requireNonNull(part, "part");
    }

    public String part() {
        return part;
    }
}
