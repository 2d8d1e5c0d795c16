package io.jobrun.job;

import java.util.List;
import java.util.Objects;

/**
 * One option a kind declares, from which both fronts bind it, the JSON Schema describes it and {@code --help} lists
 * it: {@code leakGrace} (YAML {@code leak_grace}), a duration, by default the pool's own.
 *
 * @param name         as Groovy writes it, in camelCase; YAML writes it in snake_case
 * @param type         what values it takes
 * @param defaultValue what applies when a job does not give it, or null for "the kind decides"
 * @param description  one sentence for documentation
 * @param choices      the only texts it takes, for editors and documentation (the kind still checks), or empty
 */
public record OptionSpec(String name, OptionType type, Object defaultValue, String description, List<String> choices) {
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (!name.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("an option name is camelCase, got '" + name + "'");
        }
        choices = List.copyOf(choices);
    }

    /** An option that takes any value of its type. */
    public OptionSpec(String name, OptionType type, Object defaultValue, String description) {
        this(name, type, defaultValue, description, List.of());
    }

    /** {@code value} converted to this option's type; {@code what} names it in the spelling of the file. */
    public Object convert(Object value, String what) {
        return type.convert(value, what);
    }
}
