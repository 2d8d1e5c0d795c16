package io.jobrun.job.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * One parsed {@code ${...}}: a root name followed by steps, e.g. {@code results.check.size()}.
 *
 * <pre>
 * expression := name step*
 * step       := '.' name [ '(' [ argument (',' argument)* ] ')' ]  |  '[' ( integer | string ) ']'
 * argument   := integer | string          string := '...' or "..."
 * </pre>
 *
 * @param text   the source between the braces
 * @param offset where {@code text} starts in its template
 */
public record Expression(String text, int offset, String root, List<Step> steps) {
    public Expression {
        steps = List.copyOf(steps);
    }

    /** One step after the root. */
    public sealed interface Step {
        /** Where the step starts, relative to the template. */
        int offset();
    }

    /** {@code .name}: a key of a map or a property of a value. */
    public record Property(String name, int offset) implements Step {
    }

    /** {@code [2]} or {@code ['key']}. */
    public record Index(Object key, int offset) implements Step {
    }

    /** {@code .size()} and the other methods {@link Evaluator} knows. */
    public record Call(String name, List<Object> arguments, int offset) implements Step {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** The first property after the root, e.g. "check" in {@code results.check.size()}, or null. */
    public String firstProperty() {
        if (steps.isEmpty()) {
            return null;
        }
        return switch (steps.get(0)) {
            case Property property -> property.name();
            case Index index -> index.key() instanceof String key ? key : null;
            case Call call -> null;
        };
    }

    /** Parses {@code text} (the inside of the braces) found at {@code offset} of its template. */
    static Expression parse(String text, int offset) {
        return new Parser(text, offset).expression();
    }

    private static final class Parser {
        private final String text;
        private final int base;
        private int at;

        Parser(String text, int base) {
            this.text = text;
            this.base = base;
        }

        Expression expression() {
            skipSpaces();
            int rootAt = at;
            String root = name("a name such as params, item or results");
            List<Step> steps = new ArrayList<>();
            skipSpaces();
            while (at < text.length()) {
                char c = text.charAt(at);
                int stepAt = base + at;
                if (c == '.') {
                    at++;
                    String name = name("a name after '.'");
                    if (peek() == '(') {
                        steps.add(new Call(name, arguments(), stepAt));
                    } else {
                        steps.add(new Property(name, stepAt));
                    }
                } else if (c == '[') {
                    at++;
                    skipSpaces();
                    Object key = literal();
                    skipSpaces();
                    expect(']');
                    steps.add(new Index(key, stepAt));
                } else {
                    throw error("unexpected '" + c + "' (expected '.', '[' or the closing '}')");
                }
                skipSpaces();
            }
            return new Expression(text.strip(), base + rootAt, root, steps);
        }

        private List<Object> arguments() {
            expect('(');
            List<Object> arguments = new ArrayList<>();
            skipSpaces();
            if (peek() == ')') {
                at++;
                return arguments;
            }
            while (true) {
                skipSpaces();
                arguments.add(literal());
                skipSpaces();
                if (peek() == ',') {
                    at++;
                } else {
                    expect(')');
                    return arguments;
                }
            }
        }

        private Object literal() {
            char c = peek();
            if (c == '\'' || c == '"') {
                int end = text.indexOf(c, at + 1);
                if (end < 0) {
                    throw error("unclosed string (expected a closing " + c + ")");
                }
                String value = text.substring(at + 1, end);
                at = end + 1;
                return value;
            }
            int start = at;
            if (c == '-') {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (at == start || at == start + 1 && c == '-') {
                at = start;
                throw error("expected a number or a quoted string");
            }
            try {
                return Integer.parseInt(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw new ExpressionException("number too large: " + text.substring(start, at), base + start);
            }
        }

        private String name(String expected) {
            int start = at;
            if (at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
                        || text.charAt(at) == '-')) {
                    at++;
                }
            }
            if (at == start) {
                throw error(at >= text.length() ? "expression ends early (expected " + expected + ")"
                        : "unexpected '" + text.charAt(at) + "' (expected " + expected + ")");
            }
            return text.substring(start, at);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error(at >= text.length() ? "expression ends early (expected '" + c + "')"
                        : "unexpected '" + text.charAt(at) + "' (expected '" + c + "')");
            }
            at++;
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        private void skipSpaces() {
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
        }

        private ExpressionException error(String message) {
            return new ExpressionException(message, base + at);
        }
    }
}
