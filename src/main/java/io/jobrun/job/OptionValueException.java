package io.jobrun.job;

/** An option's value that its type or its kind does not accept, worded for the user; the front adds the place. */
public class OptionValueException extends IllegalArgumentException {
    public OptionValueException(String message) {
        super(message);
    }
}
