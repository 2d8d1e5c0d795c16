package io.jobrun.job.expr;

import io.jobrun.job.text.Suggestions;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed {@code ${...}}: a root name followed by steps, e.g. {@code results.check.size()}, or such a path inside
 * {@code raw(...)}, which puts its value into a shell command as shell code instead of as one word.
 *
 * <pre>
 * expression := path | 'raw' '(' path ')'
 * path       := name step*
 * step       := '.' name [ '(' [ argument (',' argument)* ] ')' ]  |  '[' ( integer | string ) ']'
 * argument   := integer | string          string := '...' or "..."
 * </pre>
 *
 * Only the methods {@link Evaluator} lists may be called; any other name is refused when the expression is read, so
 * that {@code --check} finds it.
 *
 * @param text   the source between the braces
 * @param offset where {@code text} starts in its template
 * @param raw    written as {@code raw(...)}: in a shell command, the value is pasted in as code
 */
public record Expression(String text, int offset, String root, List<Step> steps, boolean raw) {
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

    /** The name of the form that pastes a value into a shell command as code: {@code ${raw(params.flags)}}. */
    public static final String RAW = "raw";

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
            skipSpaces();
            boolean raw = root.equals(RAW) && peek() == '(';
            if (raw) {
                // NOTE: the expression's offset stays at 'raw', where --check's warning points.
                at++;
                skipSpaces();
                root = name("a name such as params, item or results inside raw(...)");
            }
            List<Step> steps = steps(raw);
            if (raw) {
                expect(')');
                skipSpaces();
                if (at < text.length()) {
                    throw error("unexpected '" + text.charAt(at) + "' after raw(...) (expected the closing '}')");
                }
            }
            return new Expression(text.strip(), base + rootAt, root, steps, raw);
        }

        /** The steps after the root, up to the end of the text (or, inside raw, up to its ')'). */
        private List<Step> steps(boolean insideRaw) {
            List<Step> steps = new ArrayList<>();
            while (at < text.length() && !(insideRaw && peek() == ')')) {
                char c = text.charAt(at);
                int stepAt = base + at;
                if (c == '.') {
                    at++;
                    String name = name("a name after '.'");
                    if (peek() == '(') {
                        steps.add(call(name, stepAt));
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
                    throw error("unexpected '" + c + "' (expected '.', '[' or the closing " + (insideRaw ? "')'"
                            : "'}'") + ")");
                }
                skipSpaces();
            }
            return steps;
        }

        /** {@code .name(...)}, refused unless it is one of the methods expressions may call, with its arity. */
        private Call call(String name, int stepAt) {
            if (!Evaluator.METHODS.contains(name)) {
                throw new ExpressionException("unknown method '" + name + "()': an expression may call only "
                        + String.join(", ", Evaluator.METHODS.stream().map(m -> m + "()").toList())
                        + Suggestions.hint(name, Evaluator.METHODS), stepAt + 1);
            }
            List<Object> arguments = arguments();
            int arity = name.equals("join") ? 1 : 0;
            if (arguments.size() != arity) {
                throw new ExpressionException(name + "() takes " + (arity == 0 ? "no arguments"
                        : "one argument, the separator: join(', ')") + ", got " + arguments.size(), stepAt + 1);
            }
            return new Call(name, arguments, stepAt);
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
            if (at == 0 && text.startsWith("{")) {
                // NOTE: ${{ github.sha }}, as GitHub Actions writes an expression
                throw error("unexpected '{' (${{ ... }} is how GitHub Actions writes an expression; jobrun's has one"
                        + " pair of braces, as in ${params.name})");
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
