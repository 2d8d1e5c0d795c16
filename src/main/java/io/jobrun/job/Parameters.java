package io.jobrun.job;

import io.jobrun.job.expr.ExpressionException;
import io.jobrun.job.expr.Template;
import io.jobrun.job.text.Suggestions;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A job's parameters while a front reads its file: the texts given with {@code -p}, each made a value of its
 * parameter's type as the file declares it with a default. Both fronts declare through this, so a parameter means
 * and fails the same in both syntaxes.
 *
 * <p>Each parameter has a value (for code: Groovy closures and scripts) and a text (for {@code ${...}} templates, the
 * journal and the key), the text being the value's own: {@code -p n=007} reads as 7 in both.
 */
public final class Parameters {
    private final Map<String, String> commandLine;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final Map<String, ParamType> declared = new LinkedHashMap<>();

    /** The parameters given on the command line, none declared yet: until declared, each is text. */
    public Parameters(Map<String, String> commandLine) {
        this.commandLine = Map.copyOf(commandLine);
        commandLine.forEach(this::put);
    }

    /** Parameters whose values were made before (a worker's copy of a run's): each is declared as it is. */
    public static Parameters ofValues(Map<String, ?> values) {
        Parameters parameters = new Parameters(Map.of());
        values.forEach((name, value) -> {
            parameters.declared.put(name, ParamType.of(value).orElse(ParamType.TEXT));
            parameters.put(name, value);
        });
        return parameters;
    }

    /**
     * Declares {@code name} with {@code defaultValue}, which gives its type; the text {@code -p} gave it, if any,
     * becomes a value of that type. A name declared before keeps what it has.
     *
     * @return what is wrong, worded for the user: a default no parameter may have, or a {@code -p} text that is not a
     * value of the parameter's type
     */
    public Optional<String> declare(String name, Object defaultValue) {
        if (declared.containsKey(name)) {
            return Optional.empty();
        }
        Optional<ParamType> type = ParamType.of(defaultValue);
        declared.put(name, type.orElse(ParamType.TEXT));
        if (type.isEmpty()) {
            // NOTE: still declared, so that its uses are not reported as unknown too
            put(name, defaultValue);
            return Optional.of("parameter '" + name + "' has " + describe(defaultValue) + " as its default; a"
                    + " parameter is text, a whole number, a decimal number, or true or false");
        }
        if (defaultValue instanceof CharSequence text && Template.hasExpressions(text.toString())) {
            // NOTE: params: { out: "${env.HOME}/out" } ran 'echo ${env.HOME}/out': a default is not a template
            Optional<String> literal = literal(text.toString());
            if (literal.isEmpty()) {
                put(name, defaultValue);
                return Optional.of("parameter '" + name + "': its default is taken as written, so its ${...} would"
                        + " stay as these characters; write the ${...} where the parameter is used instead ($${"
                        + " writes a literal ${)");
            }
            defaultValue = literal.get();
        }
        String given = commandLine.get(name);
        if (given == null) {
            put(name, defaultValue);
            return Optional.empty();
        }
        try {
            put(name, type.get().parse(given, defaultValue));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            put(name, defaultValue);
            // NOTE: the value is not repeated: it may be a secret's
            return Optional.of("-p " + name + ": parameter '" + name + "' takes " + type.get().what() + ", like its"
                    + " default (" + defaultValue + ")");
        }
    }

    /** Each parameter's value, by name, as code reads it; a live view. */
    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    /** Each parameter's value as text, by name, as templates read it; a live view. */
    public Map<String, String> texts() {
        return Collections.unmodifiableMap(texts);
    }

    /** The names the file declares, with their types; a {@code -p} name not among them is an error of the run. */
    public Map<String, ParamType> declared() {
        return Collections.unmodifiableMap(declared);
    }

    /** Why a parameter that is not declared cannot be read: after "unknown parameter 'x'", with a "did you mean". */
    public static String undeclared(String name, Collection<String> declared) {
        return ": declare it with its default in the job's params" + Suggestions.hint(name, declared);
    }

    /** {@code text} with each {@code $${} written as {@code ${}, when it holds no expression; else empty. */
    private static Optional<String> literal(String text) {
        try {
            Template template = Template.parse(text);
            return template.expressions().isEmpty() ? Optional.of(template.render(Map.of())) : Optional.empty();
        } catch (ExpressionException e) {
            return Optional.empty();
        }
    }

    private void put(String name, Object value) {
        values.put(name, value);
        texts.put(name, String.valueOf(value));
    }

    private static String describe(Object value) {
        return switch (value) {
            case null -> "nothing (null)";
            case Iterable<?> ignored -> "a list";
            case Map<?, ?> ignored -> "a map";
            default -> "a " + value.getClass().getSimpleName();
        };
    }
}
