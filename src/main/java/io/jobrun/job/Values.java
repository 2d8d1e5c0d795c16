package io.jobrun.job;

import java.util.Map;

/** How a value from a job file reads in a message, whatever the syntax it came from: "the text 'banana'". */
public final class Values {
    private Values() {
    }

    /** "the text 'banana'", "the number 3", "true", "a list", "a map", "nothing (null)". */
    public static String describe(Object value) {
        return switch (value) {
            case null -> "nothing (null)";
            case CharSequence text -> "the text '" + (text.length() > 40 ? text.subSequence(0, 40) + "..." : text)
                    + "'";
            case Number number -> "the number " + number;
            case Boolean flag -> String.valueOf(flag);
            case Iterable<?> list -> "a list";
            case Object[] array -> "a list";
            case Map<?, ?> map -> "a map";
            case Described described -> described.description();
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    /** A value a front knows better than its class name, e.g. a Groovy closure: "a closure". */
    public interface Described {
        String description();
    }
}
