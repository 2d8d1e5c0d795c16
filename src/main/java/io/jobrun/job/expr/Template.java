package io.jobrun.job.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Text with {@code ${...}} expressions, as YAML job files write commands, URLs and messages:
 * {@code "checked ${results.check.size()} urls"}. {@code $${} writes a literal {@code ${}; a {@code $} not followed by
 * {@code {} is kept as it is, so {@code $HOME} reaches the shell untouched.
 */
public final class Template {
    private final String text;
    /** Literal strings and {@link Expression}s, in order. */
    private final List<Object> parts;

    private Template(String text, List<Object> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses {@code text}.
     *
     * @throws ExpressionException with the offset of the problem in {@code text}
     */
    public static Template parse(String text) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            if (text.startsWith("$${", at)) {
                literal.append("${");
                at += 3;
            } else if (text.startsWith("${", at)) {
                int end = text.indexOf('}', at + 2);
                if (end < 0) {
                    throw new ExpressionException("'${' is not closed (expected '}'; write $${ for a literal ${)", at);
                }
                if (!literal.isEmpty()) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(Expression.parse(text.substring(at + 2, end), at + 2));
                at = end + 1;
            } else {
                literal.append(text.charAt(at++));
            }
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return new Template(text, parts);
    }

    /** Whether {@code text} contains an expression (or an escape), i.e. rendering may change it. */
    public static boolean hasExpressions(String text) {
        return text.contains("${");
    }

    public String text() {
        return text;
    }

    /** Literal strings and {@link Expression}s, in order; no two literals are next to each other. */
    List<Object> parts() {
        return parts;
    }

    public List<Expression> expressions() {
        List<Expression> expressions = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Expression expression) {
                expressions.add(expression);
            }
        }
        return expressions;
    }

    /** The text with every expression replaced by its value, read from {@code roots}. */
    public String render(Map<String, Object> roots) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Expression expression) {
                try {
                    out.append(Evaluator.text(Evaluator.evaluate(expression, roots)));
                } catch (ExpressionException e) {
                    throw new ExpressionException("${" + expression.text() + "}: " + e.getMessage(), e.offset());
                }
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    /**
     * The value of a text that is one expression alone, such as {@code ${item}} (a number stays a number, a list a
     * list); any other text renders to a string, as {@link #render} does.
     */
    public Object value(Map<String, Object> roots) {
        if (parts.size() == 1 && parts.get(0) instanceof Expression expression) {
            try {
                return Evaluator.evaluate(expression, roots);
            } catch (ExpressionException e) {
                throw new ExpressionException("${" + expression.text() + "}: " + e.getMessage(), e.offset());
            }
        }
        return render(roots);
    }

    @Override
    public String toString() {
        return text;
    }
}
