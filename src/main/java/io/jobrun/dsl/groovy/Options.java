package io.jobrun.dsl.groovy;

import groovy.lang.Closure;
import groovy.lang.GString;
import io.jobrun.job.OptionType;
import io.jobrun.job.Values;
import io.jobrun.job.expr.ShellTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * A command: a Groovy {@code "..."} string becomes its text and the variables that carry its values into the
     * shell as data ({@link ShellTemplate}); {@code raw(x)} pastes code; anything else is made plain.
     *
     * @throws io.jobrun.job.expr.ExpressionException when a value stands where no variable can carry it
     */
    static Object command(Object value) {
        if (!(value instanceof GString text)) {
            return plain(value);
        }
        List<Object> values = new ArrayList<>();
        for (Object each : text.getValues()) {
            values.add(each instanceof ShellTemplate.Raw || each instanceof List<?> ? each
                    : each instanceof Closure<?> closure ? String.valueOf(closure.call()) : String.valueOf(each));
        }
        return ShellTemplate.template(List.of(text.getStrings()), values);
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
