package io.jobrun.job;

import io.jobrun.job.expr.ShellTemplate;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The type of a declared option and how a plain value from a job file (text, a number, a boolean, a list or a map,
 * whichever front read it) becomes a value of that type; the words of every conversion error live here, once.
 */
public enum OptionType {
    /** A whole number: {@code Integer}. */
    COUNT("a whole number"),
    /** Any number: {@code Double}. */
    NUMBER("a number"),
    /** "500ms", "10s", "1.5m", "2h", or a number of seconds: {@code Duration}. */
    DURATION("a duration such as 10s"),
    /** Text: {@code String}. */
    TEXT("text"),
    /**
     * A shell command: {@link ShellTemplate.Rendered}, its text and the environment variables that carry values into
     * it as data (a front that knows which parts of a command are values, as Groovy's "..." strings do, fills them).
     */
    COMMAND("a command"),
    /** true or false: {@code Boolean}. */
    FLAG("true or false"),
    /** One name or a list of names: {@code List<String>}. */
    NAMES("a name or a list of names"),
    /** A map of names to text: {@code Map<String, String>}. */
    TEXT_MAP("a map of names to text"),
    /** One whole number or a list of them: {@code List<Integer>}. */
    COUNTS("a whole number or a list of them"),
    /** Plain values, one or a list: {@code List<Object>}. */
    VALUES("a value or a list of values");

    private final String expected;

    OptionType(String expected) {
        this.expected = expected;
    }

    /** "a duration such as 10s": what a value of this type looks like, for messages and documentation. */
    public String expected() {
        return expected;
    }

    /**
     * {@code value} as this type.
     *
     * @param what how the message names the option, in the spelling of the file: "timeout", "leak_grace"
     * @throws OptionValueException saying what was expected and what was given
     */
    public Object convert(Object value, String what) {
        return switch (this) {
            case COUNT -> count(value, what);
            case NUMBER -> number(value, what);
            case DURATION -> duration(value, what);
            case TEXT -> text(value, what);
            case COMMAND -> value instanceof ShellTemplate.Rendered rendered ? rendered
                    : new ShellTemplate.Rendered(text(value, what), java.util.Map.of());
            case FLAG -> flag(value, what);
            case NAMES -> names(value, what);
            case TEXT_MAP -> textMap(value, what);
            case COUNTS -> counts(value, what);
            case VALUES -> value instanceof Iterable<?> list ? copy(list) : new ArrayList<>(java.util.Collections
                    .singletonList(value));
        };
    }

    private OptionValueException wrong(Object value, String what) {
        return new OptionValueException(what + " must be " + expected + ", got " + Values.describe(value));
    }

    private Integer count(Object value, String what) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Long || value instanceof BigInteger) {
            BigInteger big = new BigInteger(value.toString());
            if (big.bitLength() < 32) {
                return big.intValue();
            }
            throw new OptionValueException(what + " is too large: " + value);
        }
        throw wrong(value, what);
    }

    private Double number(Object value, String what) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw wrong(value, what);
    }

    private Duration duration(Object value, String what) {
        if (value instanceof Duration duration) {
            return duration;
        }
        if (value instanceof Number number) {
            return Duration.ofMillis(Math.round(number.doubleValue() * 1000));
        }
        if (value instanceof CharSequence text) {
            try {
                return Durations.parse(text.toString());
            } catch (IllegalArgumentException e) {
                throw new OptionValueException("invalid duration '" + text + "' for " + what + " (expected "
                        + Durations.EXPECTED + ")");
            }
        }
        throw wrong(value, what);
    }

    private String text(Object value, String what) {
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw wrong(value, what);
    }

    private Boolean flag(Object value, String what) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw wrong(value, what);
    }

    private List<String> names(Object value, String what) {
        if (value == null) {
            throw wrong(null, what);
        }
        List<String> names = new ArrayList<>();
        Iterable<?> values = value instanceof Iterable<?> list ? list : List.of(value);
        for (Object element : values) {
            if (!(element instanceof CharSequence text)) {
                throw new OptionValueException(what + " must be " + expected + ", got " + Values.describe(element)
                        + (value instanceof Iterable<?> ? " in the list" : ""));
            }
            if (text.toString().isBlank()) {
                throw new OptionValueException(what + " must not be empty");
            }
            names.add(text.toString());
        }
        return names;
    }

    private Map<String, String> textMap(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw wrong(value, what);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object element = entry.getValue();
            if (!(element instanceof CharSequence || element instanceof Number || element instanceof Boolean)) {
                throw new OptionValueException(what + " value '" + entry.getKey() + "' must be text, got "
                        + Values.describe(element));
            }
            texts.put(String.valueOf(entry.getKey()), element.toString());
        }
        return texts;
    }

    private List<Integer> counts(Object value, String what) {
        List<Integer> counts = new ArrayList<>();
        for (Object element : value instanceof Iterable<?> list ? list : java.util.Collections.singletonList(value)) {
            counts.add(COUNT.count(element, what));
        }
        return counts;
    }

    private static List<Object> copy(Iterable<?> values) {
        List<Object> list = new ArrayList<>();
        values.forEach(list::add);
        return list;
    }
}
