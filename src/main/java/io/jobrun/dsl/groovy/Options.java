package io.jobrun.dsl.groovy;

import groovy.lang.Closure;
import groovy.lang.GString;
import io.jobrun.job.OptionType;
import io.jobrun.job.Values;
import java.time.Duration;

/** How the Groovy front hands option values to the model's conversions: Groovy's own types made plain first. */
final class Options {
    private Options() {
    }

    /** {@code value} as the model's conversions read it: a GString is text, a closure describes itself. */
    static Object plain(Object value) {
        if (value instanceof GString text) {
            return text.toString();
        }
        if (value instanceof Closure<?>) {
            return (Values.Described) () -> "a closure";
        }
        return value;
    }

    /** A duration option: "10s", a number of seconds (as Python's timeout=15), or a {@link Duration}. */
    static Duration duration(String key, Object value) {
        return (Duration) OptionType.DURATION.convert(plain(value), key);
    }

    static int count(String key, Object value) {
        return (Integer) OptionType.COUNT.convert(plain(value), key);
    }

    /** "the text 'two'", "the number 3": a value as a message shows it, the same words as for YAML. */
    static String describe(Object value) {
        return Values.describe(plain(value));
    }

}
