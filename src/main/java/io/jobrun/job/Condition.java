package io.jobrun.job;

import io.jobrun.job.expr.Expression;
import io.jobrun.job.expr.ExpressionException;
import io.jobrun.job.expr.Template;
import io.jobrun.job.text.Excerpt;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A task's {@code when:}, whether it runs: {@code true}, {@code false}, or one {@code ${...}} of the parameters, the
 * environment or the results of the tasks it runs after, read when the task is ready to start. A task whose
 * condition is false is skipped, as are the tasks after it, and none of that fails the run: it is what was meant.
 *
 * @param text  as written, or the value's text: {@code ${params.deploy}}, {@code false}
 * @param shown how the file wrote a value it worked out while it loaded ({@code params.deploy} in Groovy), for the
 *              reason a skip gives; null when {@code text} is as written
 */
public record Condition(String text, String shown) {
    public Condition {
        Objects.requireNonNull(text, "text");
    }

    /** A condition as written: true, false or one {@code ${...}}. */
    public Condition(String text) {
        this(text, null);
    }

    /** What a condition may be, for every message about one written otherwise, in either syntax. */
    public static final String TAKES = "when: takes true, false or one ${...} alone, whose value is true or false";

    public static Condition of(boolean value) {
        return new Condition(String.valueOf(value));
    }

    /** A value worked out while the file loaded, from what the file wrote ({@code params.env == 'prod'}). */
    public static Condition of(boolean value, String shown) {
        return new Condition(String.valueOf(value), shown == null || shown.isBlank() ? null
                : shown.strip().replaceAll("\\s+", " "));
    }

    /**
     * What is wrong with how it is written, or null: it must be true, false or one {@code ${...}} alone, whose value
     * is then true or false.
     */
    public String problem() {
        if (literal(text) != null) {
            return null;
        }
        List<Expression> expressions;
        try {
            Template template = Template.parse(text);
            expressions = template.expressions();
            if (expressions.size() == 1 && ("${" + expressions.get(0).text() + "}").equals(text.strip())) {
                return null;
            }
        } catch (ExpressionException e) {
            return null; // NOTE: the expression check reports it, at its place
        }
        return TAKES + "; got " + Excerpt.of(text) + (expressions.isEmpty() ? ""
                : " (a condition compares nothing: let a parameter or a task's result be true or false)");
    }

    /**
     * Whether it holds, read from {@code roots} (the names a task's text sees).
     *
     * @throws ExpressionException when the value is neither true nor false, or cannot be read
     */
    public boolean holds(Map<String, Object> roots) {
        Boolean literal = literal(text);
        if (literal != null) {
            return literal;
        }
        Object value = Template.parse(text.strip()).value(roots);
        if (value instanceof Boolean bool) {
            return bool;
        }
        // NOTE: a shell task's result is its output, which ends with a newline: "true\n" is true
        String said = value instanceof String string ? string.strip()
                : value instanceof TextResult result ? result.text().strip() : null;
        Boolean read = said == null ? null : literal(said);
        if (read == null) {
            throw new ExpressionException("when: " + text + " is " + (said != null ? Excerpt.of(said)
                    : value == null ? "empty" : "the " + kind(value) + " " + Excerpt.of(String.valueOf(value)))
                    + "; a condition is true or false", -1);
        }
        return read;
    }

    /** The condition as the file wrote it: {@code params.deploy}, {@code ${results.check}}, {@code false}. */
    public String shownText() {
        return shown != null ? shown : text;
    }

    /** Why a task whose condition is false does not run: "when: ${params.deploy} is false". */
    public String unmet() {
        return shown == null && literal(text) != null ? "when: false" : "when: " + shownText() + " is false";
    }

    /** true or false, as text may say it (a shell task's output ends with a newline); else null. */
    private static Boolean literal(String text) {
        String word = text.strip().toLowerCase(Locale.ROOT);
        return word.equals("true") ? Boolean.TRUE : word.equals("false") ? Boolean.FALSE : null;
    }

    private static String kind(Object value) {
        return value instanceof Number ? "number" : value instanceof List<?> ? "list"
                : value instanceof Map<?, ?> ? "map" : "value";
    }
}
