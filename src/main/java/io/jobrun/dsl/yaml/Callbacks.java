package io.jobrun.dsl.yaml;

import io.jobrun.job.Callback;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Binds {@code on_failure: {shell: ...}} and its kin into {@link YamlCallback}s. */
final class Callbacks {
    private final Binding binding;
    private final PrintStream out;
    private final PrintStream err;

    Callbacks(Binding binding, PrintStream out, PrintStream err) {
        this.binding = binding;
        this.out = out;
        this.err = err;
    }

    /**
     * The callback written at {@code node}, or null after a problem.
     *
     * @param key         "on_failure", for messages
     * @param subjectName "task" or "run": what the callback's expressions call their subject
     */
    Callback bind(Node node, String key, String subjectName) {
        YamlMap map = YamlMap.of(node, key, binding);
        if (map == null) {
            return null;
        }
        map.allowOnly(YamlCallback.KEYS, key + " key", binding);
        boolean print = map.has("print");
        boolean shell = map.has("shell");
        if (print == shell) {
            binding.problem(node, key + " needs exactly one of print: or shell:, got " + (print ? "both" : "neither"));
            return null;
        }
        Map<String, String> roots = new LinkedHashMap<>();
        roots.put("params", null);
        roots.put(subjectName, null);
        String other = subjectName.equals("task") ? "run" : "task";
        roots.put(other, "an " + key + " callback sees ${" + subjectName + "...}, not ${" + other + "...}");
        roots.put("item", "callbacks see ${" + subjectName + ".name}, not ${item}");
        roots.put("results", "callbacks see ${" + subjectName + "...}, not ${results...}");
        if (print) {
            String text = Scalars.text(map.get("print"), key + " print", binding);
            if (text == null) {
                return null;
            }
            Templates.check((ScalarNode) map.get("print"), roots, binding);
            return YamlCallback.print(subjectName, binding.params, text, out, err);
        }
        Bodies.Bound bound = new Bodies(binding, roots).shell(map.get("shell"));
        if (bound.body() == null) {
            return null;
        }
        io.jobrun.job.TaskBody body = bound.body();
        io.jobrun.job.TaskBody.Shell shellBody = body instanceof io.jobrun.job.TaskBody.Templated templated
                ? (io.jobrun.job.TaskBody.Shell) templated.body() : (io.jobrun.job.TaskBody.Shell) body;
        return YamlCallback.shell(subjectName, binding.params, shellBody, out, err);
    }
}
