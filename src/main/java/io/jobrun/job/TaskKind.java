package io.jobrun.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One kind of task body a job file can write: {@code shell('make -j2', env: [CC: 'gcc'])} in Groovy,
 * {@code shell: { command: make -j2, env: { CC: gcc } }} in YAML. A kind is one class and one line in a registry
 * ({@link TaskKinds}); it declares its options, both fronts bind them from that declaration, and it builds its body
 * from their values, with its own rules, once for both syntaxes.
 */
public interface TaskKind {
    /** The keyword job files use: "shell", "http", "script". */
    String name();

    /** One sentence: what a task of this kind does. */
    String description();

    /** Every option the body takes, with its type, default and description. */
    List<OptionSpec> options();

    /** The options Groovy passes by position, in order: {@code shell('make')} is the command. */
    default List<String> positional() {
        return List.of();
    }

    /** The option that YAML's plain text stands for ({@code shell: make} is the command), or null for none. */
    default String shorthand() {
        return null;
    }

    /**
     * The part of the body that option {@code option} gives, as {@link TaskBody#texts()} names it; the fronts record
     * the option's place under that name. By default the option's own name; {@code get:} gives an HTTP body's url.
     */
    default String partOf(String option) {
        return option;
    }

    /**
     * The body that {@code options} describe.
     *
     * @param options the options the job gives, by declared name, converted to their declared types
     * @throws RuleException naming the option (a dotted path, e.g. {@code expect.1}) a rule is about
     */
    TaskBody body(Map<String, Object> options, Context context);

    /**
     * What a body may need besides its options.
     *
     * @param jobFile   where the job file is, for files it names relative to itself
     * @param params    the job's parameters, which templates read as text and scripts as values
     * @param positions where the body's options are written, for a body that keeps a place (a script's first line)
     */
    record Context(Path jobFile, Parameters params, Positions positions) {
    }

    /** The declared option called {@code name}, or null. */
    default OptionSpec option(String name) {
        for (OptionSpec option : options()) {
            if (option.name().equals(name)) {
                return option;
            }
        }
        return null;
    }
}
