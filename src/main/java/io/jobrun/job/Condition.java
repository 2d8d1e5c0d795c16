package io.jobrun.job;

import io.jobrun.job.expr.ExpressionException;
import java.util.Map;
import java.util.Objects;

/**
 * A task's {@code when:}, whether it runs: {@code true}, {@code false}, a {@code ${...}} of the parameters, the
 * environment or the results of the tasks it runs after, or such values compared as text ({@code ==}, {@code !=}),
 * negated ({@code !}) and joined ({@code &&}, {@code ||}), read when the task is ready to start
 * ({@link ConditionText}). A task whose condition is false is skipped, as are the tasks after it, and none of that
 * fails the run: it is what was meant.
 *
 * @param text  as written, or the value's text: {@code ${params.deploy}}, {@code ${params.env} == prod}, {@code false}
 * @param shown how the file wrote a value it worked out while it loaded ({@code params.deploy} in Groovy), for the
 *              reason a skip gives; null when {@code text} is as written
 */
public record Condition(String text, String shown) {
    public Condition {
        Objects.requireNonNull(text, "text");
    }

    /** A condition as written. */
    public Condition(String text) {
        this(text, null);
    }

    /** What a condition may be, for every message about one written otherwise, in either syntax. */
    public static final String TAKES = "when: takes true, false, or a test of ${...} values: ${params.deploy},"
            + " ${params.env} == prod, with !, !=, && and ||";

    public static Condition of(boolean value) {
        return new Condition(String.valueOf(value));
    }

    /** A value worked out while the file loaded, from what the file wrote ({@code params.env == 'prod'}). */
    public static Condition of(boolean value, String shown) {
        return new Condition(String.valueOf(value), shown == null || shown.isBlank() ? null
                : shown.strip().replaceAll("\\s+", " "));
    }

    /** What is wrong with how it is written, or null. */
    public String problem() {
        try {
            ConditionText.parse(text);
            return null;
        } catch (ConditionText.SyntaxException e) {
            return e.getMessage();
        } catch (ExpressionException e) {
            return null; // NOTE: the expression check reports it, at its place
        }
    }

    /**
     * Whether it holds, read from {@code roots} (the names a task's text sees).
     *
     * @throws ExpressionException when a value alone is neither true nor false, or cannot be read
     */
    public boolean holds(Map<String, Object> roots) {
        try {
            return ConditionText.holds(ConditionText.parse(text), roots);
        } catch (ExpressionException e) {
            String said = e.getMessage();
            throw new ExpressionException("when: " + (said.startsWith(text.strip() + " ") ? said
                    : text.strip() + ": " + said), -1);
        }
    }

    /** The condition as the file wrote it: {@code params.deploy}, {@code ${results.check}}, {@code false}. */
    public String shownText() {
        return shown != null ? shown : text;
    }

    /** Why a task whose condition is false does not run: "when: ${params.deploy} is false". */
    public String unmet() {
        return shown == null && ConditionText.literal(text) != null ? "when: false"
                : "when: " + shownText() + " is false";
    }
}
