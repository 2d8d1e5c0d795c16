package io.jobrun.dsl.yaml;

import io.jobrun.job.OptionSpec;
import io.jobrun.job.OptionValueException;
import io.jobrun.job.Positions;
import io.jobrun.job.RuleException;
import io.jobrun.job.text.Suggestions;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Binds what a task does, {@code KIND: { option: value }} (or {@code KIND: text} for a kind with a shorthand), for
 * any registered task kind, from the options it declares; the kind builds the body and applies its rules.
 */
final class BodyBinder {
    /** A kind's key as other runners use it, for a value that is not this kind's: GitLab's script: of commands. */
    private static final Map<String, String> OTHER_MEANINGS = Map.of("script", "; GitLab's script: holds shell"
            + " commands, which jobrun runs with shell:, as in shell: make test (its script: runs JavaScript or Python)");

    /**
     * A body and where its parts are written.
     *
     * @param body null after a problem
     */
    record Bound(TaskBody body, Positions positions) {
    }

    private final Binding binding;
    /** The options written beside the body, in the task: one written inside it is pointed there. */
    private final List<String> besideIt;

    /** For a task's body, with the task's options beside it. */
    BodyBinder(Binding binding, List<String> besideIt) {
        this.binding = binding;
        this.besideIt = besideIt;
    }

    /** For a body with nothing beside it: a callback's command. */
    BodyBinder(Binding binding) {
        this(binding, List.of());
    }

    /** The body written at {@code node} under the key {@code key} (the kind's name in YAML's spelling). */
    Bound bind(TaskKind kind, String key, Node node) {
        Positions.Builder positions = new Positions.Builder(binding.at(node));
        Map<String, Object> options = new LinkedHashMap<>();
        boolean ok = true;
        if (node instanceof ScalarNode && kind.shorthand() != null) {
            OptionSpec option = kind.option(kind.shorthand());
            ok = convert(option, key, node, options);
            binding.record(positions, kind.partOf(option.name()), node);
        } else if (!(node instanceof MappingNode)) {
            List<String> names = kind.options().stream().map(option -> Spelling.snake(option.name())).toList();
            binding.problem(node, key + " takes " + (kind.shorthand() == null ? "" : "its "
                    + Spelling.snake(kind.shorthand()) + " as text (a block after | for several lines) or ")
                    + "a map of its options (" + String.join(", ", names) + "), got " + Scalars.describe(node)
                    + OTHER_MEANINGS.getOrDefault(key, ""));
            return new Bound(null, positions.build());
        } else {
            YamlMap map = YamlMap.of(node, key, binding);
            Map<String, OptionSpec> declared = new LinkedHashMap<>();
            kind.options().forEach(option -> declared.put(Spelling.snake(option.name()), option));
            for (YamlMap.Entry entry : map.entries()) {
                OptionSpec option = declared.get(entry.key());
                if (option == null) {
                    binding.problem(entry.keyNode(), besideIt.contains(entry.key())
                            ? Suggestions.misplaced(key + " option", entry.key(), "the task's", "in the task, beside "
                                    + key + ":")
                            : Suggestions.unknown(key + " option", entry.key(), declared.keySet()));
                    ok = false;
                    continue;
                }
                ok &= convert(option, entry.key(), entry.value(), options);
                binding.record(positions, kind.partOf(option.name()), entry.value());
            }
        }
        Positions where = positions.build();
        if (!ok) {
            return new Bound(null, where);
        }
        try {
            return new Bound(kind.body(options, new TaskKind.Context(binding.path, binding.params, where)), where);
        } catch (RuleException e) {
            binding.problem(where.at(e.part()), e.getMessage());
            return new Bound(null, where);
        }
    }

    private boolean convert(OptionSpec option, String key, Node node, Map<String, Object> options) {
        try {
            options.put(option.name(), option.convert(Scalars.plain(node), key));
            return true;
        } catch (OptionValueException e) {
            binding.problem(node, e.getMessage());
            return false;
        }
    }
}
