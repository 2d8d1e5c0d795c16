package io.jobrun.job;

import io.jobrun.job.expr.Evaluator;
import io.jobrun.job.expr.ExpressionException;
import io.jobrun.job.expr.Template;
import io.jobrun.job.text.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of a {@link Condition}, parsed, as CI runners' {@code if:} reads: a value that is true or false, or values
 * compared as text, negated and joined.
 *
 * <pre>
 * condition := all ('||' all)*
 * all       := term ('&amp;&amp;' term)*
 * term      := '!' operand | operand [ ('==' | '!=') operand ]
 * operand   := word | 'text' | "text"     a word may hold ${...}: ${params.env}, linux-${params.arch}, true
 * </pre>
 *
 * An operand alone must be true or false; compared, it is text (a shell task's output without its last newline, a
 * number as written). {@code &&} binds before {@code ||}, as in Groovy; there are no parentheses.
 */
final class ConditionText {
    /** One part of a parsed condition. */
    sealed interface Node {
    }

    /** {@code a || b}. */
    record Any(List<Node> parts) implements Node {
    }

    /** {@code a && b}. */
    record All(List<Node> parts) implements Node {
    }

    /** {@code !a}. */
    record Not(Operand operand) implements Node {
    }

    /** {@code a == b}, {@code a != b}. */
    record Compare(Operand left, boolean equal, Operand right) implements Node {
    }

    /** A value: one {@code ${...}} alone, or text that may hold some; quoted text is never a truth value. */
    record Operand(String text, boolean quoted) implements Node {
        Object value(Map<String, Object> roots) {
            return Template.parse(text).value(roots);
        }

        boolean fixed() {
            return !Template.hasExpressions(text);
        }

        String shown() {
            return quoted ? "'" + text + "'" : text;
        }
    }

    /** A condition that is not written as the grammar above says. */
    static final class SyntaxException extends RuntimeException {
        SyntaxException(String message) {
            super(message);
        }
    }

    private static final List<String> OPERATORS = List.of("&&", "||", "==", "!=", "!");
    private static final String WORD_ENDS = " \t\r\n=!&|()'\"";

    private final String text;
    private final List<Object> tokens = new ArrayList<>();
    private int next;

    private ConditionText(String text) {
        this.text = text;
    }

    /**
     * Parses {@code text}.
     *
     * @throws SyntaxException saying what was expected where
     * @throws ExpressionException when a {@code ${...}} in it is malformed
     */
    static Node parse(String text) {
        ConditionText parser = new ConditionText(text);
        parser.tokenize();
        Node node = parser.any();
        if (parser.next < parser.tokens.size()) {
            throw parser.expected("==, !=, && or || after " + shown(parser.tokens.get(parser.next - 1)) + ", not "
                    + shown(parser.tokens.get(parser.next)));
        }
        return node;
    }

    /**
     * Whether {@code node} holds, its values read from {@code roots}.
     *
     * @throws ExpressionException when an operand alone is neither true nor false, or a compared one is a list or map
     */
    static boolean holds(Node node, Map<String, Object> roots) {
        if (roots.get("env") instanceof Map<?, ?> environment) {
            Map<String, Object> reading = new java.util.HashMap<>(roots);
            reading.put("env", new UnsetIsEmpty(environment));
            return holds(node, reading);
        }
        return switch (node) {
            case Any any -> any.parts().stream().anyMatch(part -> holds(part, roots));
            case All all -> all.parts().stream().allMatch(part -> holds(part, roots));
            case Not not -> !truth(not.operand(), roots);
            case Compare compare -> text(compare.left(), roots).equals(text(compare.right(), roots)) == compare.equal();
            case Operand operand -> truth(operand, roots);
        };
    }

    /**
     * The environment as a condition reads it: a variable that is not set is empty text, as a shell's {@code $CI} and
     * GitHub's {@code env.CI} are, so that {@code ${env.CI} == true} is false on a machine without it rather than an
     * error. A template elsewhere still says that it is not set.
     */
    private record UnsetIsEmpty(Map<?, ?> environment) implements io.jobrun.job.expr.ExpressionValue {
        @Override
        public Map<String, Object> properties() {
            return new java.util.AbstractMap<>() {
                @Override
                public boolean containsKey(Object name) {
                    return true;
                }

                @Override
                public Object get(Object name) {
                    Object value = environment.get(name);
                    return value == null ? "" : value;
                }

                @Override
                public java.util.Set<Entry<String, Object>> entrySet() {
                    java.util.Set<Entry<String, Object>> entries = new java.util.LinkedHashSet<>();
                    environment.forEach((name, value) -> entries.add(Map.entry(String.valueOf(name), value)));
                    return entries;
                }
            };
        }
    }

    /** The operand's value as true or false. */
    private static boolean truth(Operand operand, Map<String, Object> roots) {
        Object value = operand.value(roots);
        if (value instanceof Boolean bool) {
            return bool;
        }
        // NOTE: a shell task's result is its output, which ends with a newline: "true\n" is true
        String said = value instanceof String string ? string.strip()
                : value instanceof TextResult result ? result.text().strip() : null;
        // NOTE: empty text (a variable not set, a task that printed nothing) is false, as a shell's test -n says
        Boolean read = said == null || operand.quoted() ? null : said.isEmpty() ? Boolean.FALSE : literal(said);
        if (read == null) {
            throw new ExpressionException(operand.shown() + " is " + (said != null ? Excerpt.of(said)
                    : value == null ? "empty" : "the " + kind(value) + " " + Excerpt.of(String.valueOf(value)))
                    + "; a condition is true or false", -1);
        }
        return read;
    }

    /** The operand's value as the text it is compared by. */
    private static String text(Operand operand, Map<String, Object> roots) {
        Object value = operand.value(roots);
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            throw new ExpressionException(operand.shown() + " is the " + kind(value) + " "
                    + Excerpt.of(String.valueOf(value)) + "; == and != compare text", -1);
        }
        String said = value instanceof TextResult result ? result.text() : value == null ? "" : Evaluator.text(value);
        // NOTE: quotes keep spaces; a shell task's output ends with a newline, which no one means to compare
        return operand.quoted() ? said : said.strip();
    }

    /** true or false, as text may say it; else null. */
    static Boolean literal(String text) {
        String word = text.strip().toLowerCase(Locale.ROOT);
        return word.equals("true") ? Boolean.TRUE : word.equals("false") ? Boolean.FALSE : null;
    }

    private static String kind(Object value) {
        return value instanceof Number ? "number" : value instanceof List<?> ? "list"
                : value instanceof Map<?, ?> ? "map" : "value";
    }

    private Node any() {
        List<Node> parts = new ArrayList<>(List.of(all()));
        while (take("||")) {
            parts.add(all());
        }
        return parts.size() == 1 ? parts.get(0) : new Any(parts);
    }

    private Node all() {
        List<Node> parts = new ArrayList<>(List.of(term()));
        while (take("&&")) {
            parts.add(term());
        }
        return parts.size() == 1 ? parts.get(0) : new All(parts);
    }

    private Node term() {
        if (take("!")) {
            Operand operand = operand("!");
            if (operand.fixed() && (operand.quoted() || literal(operand.text()) == null)) {
                throw expected("a ${...} whose value is true or false after !, not " + operand.shown());
            }
            return new Not(operand);
        }
        Operand left = operand(null);
        for (String comparison : List.of("==", "!=")) {
            if (take(comparison)) {
                Operand right = operand(comparison);
                if (left.fixed() && right.fixed()) {
                    throw new SyntaxException("when: " + Excerpt.of(left.shown() + " " + comparison + " "
                            + right.shown()) + " compares two fixed texts; a value is written ${...} (${params.env})");
                }
                return new Compare(left, comparison.equals("=="), right);
            }
        }
        if (left.fixed() && (left.quoted() || literal(left.text()) == null)) {
            throw new SyntaxException(Condition.TAKES + "; got " + Excerpt.of(text.strip()));
        }
        return left;
    }

    /** The operand next, or what was expected {@code after} (null: at the start of a term). */
    private Operand operand(String after) {
        if (next < tokens.size() && tokens.get(next) instanceof Operand operand) {
            next++;
            return operand;
        }
        String what = after == null ? "a value" : "a value after " + after;
        throw expected(next < tokens.size() ? what + ", not " + shown(tokens.get(next)) : what);
    }

    private boolean take(String operator) {
        if (next < tokens.size() && operator.equals(tokens.get(next))) {
            next++;
            return true;
        }
        return false;
    }

    private SyntaxException expected(String what) {
        return new SyntaxException("when: expected " + what + " in " + Excerpt.of(text.strip()));
    }

    private static String shown(Object token) {
        if (token instanceof Operand operand) {
            String hint = switch (operand.text().toLowerCase(Locale.ROOT)) {
                case "and" -> " (write && for and)";
                case "or" -> " (write || for or)";
                case "not" -> " (write ! for not)";
                default -> "";
            };
            return Excerpt.of(operand.shown()) + hint;
        }
        return "'" + token + "'";
    }

    private void tokenize() {
        int at = 0;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
                continue;
            }
            String operator = operatorAt(at);
            if (operator != null) {
                tokens.add(operator);
                at += operator.length();
            } else if (c == '\'' || c == '"') {
                int end = text.indexOf(c, at + 1);
                if (end < 0) {
                    throw new SyntaxException("when: a quote is not closed (expected " + c + ") in "
                            + Excerpt.of(text.strip()));
                }
                tokens.add(new Operand(text.substring(at + 1, end), true));
                at = end + 1;
            } else if (c == '=' || c == '&' || c == '|') {
                String meant = c == '=' ? "==" : String.valueOf(c) + c;
                throw new SyntaxException("when: " + c + " alone is no operator; write " + meant + " (in "
                        + Excerpt.of(text.strip()) + ")");
            } else if (c == '(' || c == ')') {
                throw new SyntaxException("when: takes no parentheses (&& binds before ||); got "
                        + Excerpt.of(text.strip()));
            } else {
                int end = wordEnd(at);
                tokens.add(new Operand(text.substring(at, end), false));
                at = end;
            }
        }
        if (tokens.isEmpty()) {
            throw new SyntaxException(Condition.TAKES + "; got nothing");
        }
    }

    private String operatorAt(int at) {
        for (String operator : OPERATORS) {
            if (text.startsWith(operator, at)) {
                return operator;
            }
        }
        return null;
    }

    /** Where the word at {@code at} ends: at a space, a quote or an operator outside its {@code ${...}}. */
    private int wordEnd(int at) {
        int end = at;
        while (end < text.length() && WORD_ENDS.indexOf(text.charAt(end)) < 0) {
            if (text.startsWith("${", end)) {
                int close = text.indexOf('}', end + 2);
                end = close < 0 ? text.length() : close + 1; // NOTE: Template reports a ${ not closed, at its place
            } else {
                end++;
            }
        }
        return end;
    }
}
