package io.jobrun.job.expr;

import io.jobrun.job.text.Excerpt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A shell command with {@code ${...}} expressions, whose values reach the shell as data, never as code: each value is
 * put in an environment variable ({@code JOBRUN_VALUE_1}, ...) and the command refers to it in the form its place
 * needs ({@code "$JOBRUN_VALUE_1"} outside quotes, one word; {@code ${JOBRUN_VALUE_1}} inside double quotes). The shell
 * never parses what a variable expands to, so a value of {@code hi; touch /tmp/pwned} is printed, not run, wherever it
 * stands. {@code ${raw(x)}} pastes the value into the command as code, for trusted text only.
 *
 * <p>A list outside quotes gives one word per item; inside quotes its items are joined by spaces. Inside
 * {@code $((...))} bash would evaluate a variable's text as arithmetic, which can run commands, so a value there must
 * be a whole number and is written as it is; anything else fails the attempt. Places where no variable can carry a
 * value are refused when the command is read: a here-document with a quoted delimiter (nothing is expanded there),
 * and right after a backslash.
 */
public final class ShellTemplate {
    /** The prefix of the environment variables that carry values into a command. */
    public static final String VARIABLE = "JOBRUN_VALUE_";

    /** A value to paste into a command as code, as {@code ${raw(x)}} does; Groovy's {@code raw(x)} makes one. */
    public record Raw(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * A command ready to run.
     *
     * @param command   the text for {@code /bin/sh -c}, referring to the variables
     * @param variables the environment variables that carry the values, by name
     */
    public record Rendered(String command, Map<String, String> variables) {
        public Rendered {
            variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        }
    }

    private final Template template;
    /** The place of each expression, in order. */
    private final List<ShellPlaces.Place> places;

    private ShellTemplate(Template template, List<ShellPlaces.Place> places) {
        this.template = template;
        this.places = List.copyOf(places);
    }

    /**
     * Parses {@code text}, a shell command.
     *
     * @throws ExpressionException with the offset of an expression that cannot be read or cannot stand where it is
     */
    public static ShellTemplate parse(String text) {
        Template template = Template.parse(text);
        List<ShellPlaces.Place> places = ShellPlaces.of(literals(template.parts()));
        List<Expression> expressions = template.expressions();
        for (int i = 0; i < expressions.size(); i++) {
            Expression expression = expressions.get(i);
            String refusal = expression.raw() ? null : refusal(places.get(i), "${" + expression.text() + "}");
            if (refusal != null) {
                throw new ExpressionException(refusal, expression.offset());
            }
        }
        return new ShellTemplate(template, places);
    }

    /** The expressions written as {@code raw(...)}: each pastes code into the command, which --check warns about. */
    public List<Expression> rawExpressions() {
        return template.expressions().stream().filter(Expression::raw).toList();
    }

    /**
     * The command with each expression's value, read from {@code roots}, passed in a variable.
     *
     * @param taken variable names already in the command's environment, which the new ones must not reuse
     */
    public Rendered render(Map<String, Object> roots, Set<String> taken) {
        List<Object> values = new ArrayList<>();
        for (Expression expression : template.expressions()) {
            Object value;
            try {
                value = Evaluator.evaluate(expression, roots);
            } catch (ExpressionException e) {
                throw new ExpressionException("${" + expression.text() + "}: " + e.getMessage(), e.offset());
            }
            values.add(expression.raw() ? new Raw(Evaluator.text(value)) : value);
        }
        return substitute(literals(template.parts()), places, values, taken);
    }

    /**
     * The template of a command made of {@code literals} with {@code values} between them, as a Groovy GString gives
     * them: each value is passed in a variable (unless it is {@link Raw}), and the command refers to it in template
     * text ({@code $${JOBRUN_VALUE_1}}), so that expressions written in the literals are still rendered per attempt.
     *
     * @throws ExpressionException (without an offset) when a value stands where it cannot be passed
     */
    public static Rendered template(List<String> literals, List<Object> values) {
        List<ShellPlaces.Place> places = ShellPlaces.of(literals);
        List<Object> escaped = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            String refusal = value instanceof Raw ? null : refusal(places.get(i), "a value");
            if (refusal != null) {
                throw new ExpressionException(refusal, -1);
            }
            // NOTE: a number in $((...)) is written as it is, so its text is checked now, as the value is known.
            escaped.add(value instanceof Raw raw ? new Raw(raw.text().replace("${", "$${"))
                    : places.get(i) == ShellPlaces.Place.ARITHMETIC ? new Raw(wholeNumber(value)) : value);
        }
        return substitute(literals, places, escaped, Set.of(), "$${");
    }

    private static Rendered substitute(List<String> literals, List<ShellPlaces.Place> places, List<Object> values,
                                       Set<String> taken) {
        return substitute(literals, places, values, taken, "${");
    }

    /** @param open how a reference to a variable opens: {@code ${}, or {@code $${} in template text */
    private static Rendered substitute(List<String> literals, List<ShellPlaces.Place> places, List<Object> values,
                                       Set<String> taken, String open) {
        StringBuilder command = new StringBuilder(literals.get(0));
        Map<String, String> variables = new LinkedHashMap<>();
        Names names = new Names(taken);
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof Raw raw) {
                command.append(raw.text());
            } else if (places.get(i) == ShellPlaces.Place.ARITHMETIC) {
                command.append(wholeNumber(value));
            } else if (places.get(i) == ShellPlaces.Place.BARE
                    && (value instanceof List<?> || value instanceof Map<?, ?>)) {
                List<String> words = new ArrayList<>();
                for (String word : Evaluator.words(value)) {
                    words.add("\"" + open + names.bind(word, variables) + "}\"");
                }
                command.append(String.join(" ", words));
            } else {
                String reference = open + names.bind(Evaluator.text(value), variables) + "}";
                command.append(switch (places.get(i)) {
                    case BARE -> "\"" + reference + "\"";
                    case SINGLE_QUOTED -> "'\"" + reference + "\"'";
                    default -> reference;
                });
            }
            command.append(literals.get(i + 1));
        }
        return new Rendered(command.toString(), variables);
    }

    /** {@code value} as a whole number for {@code $((...))}, where nothing else may stand. */
    private static String wholeNumber(Object value) {
        String text = Evaluator.text(value).strip();
        if (!text.matches("[+-]?[0-9]{1,18}")) {
            throw new ExpressionException("the value " + Excerpt.of(text) + " stands inside $((...)), where "
                    + "only a whole number may (bash would evaluate other text as arithmetic, which can run commands)",
                    -1);
        }
        return text;
    }

    /** Hands out variable names not yet taken. */
    private static final class Names {
        private final Set<String> taken;
        private int next = 1;

        Names(Set<String> taken) {
            this.taken = taken;
        }

        String bind(String value, Map<String, String> variables) {
            if (value.indexOf('\0') >= 0) {
                throw new ExpressionException("a value holds a NUL character, which no command can receive", -1);
            }
            String name;
            do {
                name = VARIABLE + next++;
            } while (taken.contains(name) || variables.containsKey(name));
            variables.put(name, value);
            return name;
        }
    }

    /** What --check says of a {@code ${raw(...)}}: code goes into the command, so only trusted text belongs there. */
    public static String rawWarning(String written) {
        return written + " pastes its value into the shell command as code, not as one word: use raw only for text "
                + "you trust";
    }

    /** Why a value cannot stand at {@code place}, or null when it can. */
    private static String refusal(ShellPlaces.Place place, String what) {
        return switch (place) {
            case LITERAL_HERE_DOCUMENT -> what + " stands in a here-document whose delimiter is quoted, where nothing "
                    + "is expanded; unquote the delimiter (<<EOF) to pass the value";
            case AFTER_BACKSLASH -> what + " follows a backslash, which would escape the quote jobrun puts around "
                    + "the value; remove the backslash (write $${ for a literal ${)";
            default -> null;
        };
    }

    /** The literal text around the expressions: one more literal than expressions, empty where two touch. */
    private static List<String> literals(List<Object> parts) {
        List<String> literals = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Expression) {
                literals.add(literal.toString());
                literal.setLength(0);
            } else {
                literal.append((String) part);
            }
        }
        literals.add(literal.toString());
        return literals;
    }
}
