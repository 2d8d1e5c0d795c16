package io.jobrun.dsl.yaml;

import io.jobrun.job.Callback;
import io.jobrun.job.Positions;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskKind;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Binds {@code on_failure: { print: ... }} and {@code { shell: ... }} into callbacks, which are data: the run prints
 * the line or runs the command. A callback's command is written as a shell task's body is.
 */
final class Callbacks {
    static final List<String> KEYS = List.of("print", "shell");

    private final Binding binding;

    Callbacks(Binding binding) {
        this.binding = binding;
    }

    /**
     * The callback written at {@code node}, or null after a problem.
     *
     * @param key     "on_failure", for messages
     * @param subject "task" or "run": what the callback's expressions call their subject
     */
    Callback bind(Node node, String key, String subject) {
        if (!(node instanceof MappingNode)) {
            binding.problem(node, key + " takes { print: TEXT } (a line on stdout) or { shell: COMMAND }, got "
                    + Scalars.describe(node));
            return null;
        }
        YamlMap map = YamlMap.of(node, key, binding);
        if (map == null) {
            return null;
        }
        map.allowOnly(KEYS, key + " option", binding);
        boolean print = map.has("print");
        boolean shell = map.has("shell");
        if (print == shell) {
            binding.problem(node, key + " needs exactly one of print: or shell:, got " + (print ? "both" : "neither"));
            return null;
        }
        if (print) {
            String text = Scalars.text(map.get("print"), key + " print", binding);
            if (text == null) {
                return null;
            }
            Positions.Builder positions = new Positions.Builder(binding.at(node));
            binding.record(positions, "text", map.get("print"));
            return new Callback.Print(text, subject, binding.params.texts(), positions.build());
        }
        TaskKind shellKind = binding.kinds.tasks().find("shell");
        BodyBinder.Bound bound = new BodyBinder(binding).bind(shellKind, "shell", map.get("shell"));
        if (bound.body() == null) {
            return null;
        }
        TaskBody.Shell command = (TaskBody.Shell) bound.body().untemplated();
        return new Callback.Shell(command, subject, binding.params.texts(), bound.positions());
    }
}
