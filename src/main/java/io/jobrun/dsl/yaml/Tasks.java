package io.jobrun.dsl.yaml;

import io.jobrun.job.Callback;
import io.jobrun.job.ItemSource;
import io.jobrun.job.RetryPolicy;
import io.jobrun.job.Suggestions;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskCallbacks;
import io.jobrun.job.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Binds one entry of {@code tasks:} into a {@link TaskSpec}; the Groovy DSL's task options, in YAML's words. */
final class Tasks {
    static final List<String> KEYS = List.of("on", "foreach", "shell", "http", "script", "timeout", "retries", "after",
            "optional", "on_success", "on_failure", "on_timeout", "on_done");
    /** The keys that say what a task does; a task has exactly one. */
    static final List<String> BODY_KEYS = List.of("shell", "http", "script");
    static final List<String> RETRY_KEYS = List.of("count", "backoff", "on");
    static final List<String> BACKOFF_KEYS = List.of("delay", "factor", "max");

    /** A bound task and the {@code ${results.x}} its text uses, checked once every task is known. */
    record Bound(TaskSpec spec, List<Templates.ResultReference> references) {
    }

    private final Binding binding;
    private final Callbacks callbacks;

    Tasks(Binding binding, Callbacks callbacks) {
        this.binding = binding;
        this.callbacks = callbacks;
    }

    /** The task named {@code name}, written at {@code nameNode}; null when it cannot be made into a model at all. */
    Bound bind(String name, Node nameNode, Node node) {
        YamlMap map = YamlMap.of(node, "task '" + name + "'", binding);
        if (map == null) {
            return null;
        }
        map.allowOnly(KEYS, "task key", binding);
        String executor = map.has("on") ? Scalars.name(map.get("on"), "on", binding) : null;
        ItemSource over = map.has("foreach") ? FanOut.source(map.get("foreach"), binding) : null;
        Duration timeout = map.has("timeout") ? Scalars.duration(map.get("timeout"), "timeout", binding) : null;
        RetryPolicy retry = map.has("retries") ? retries(map.get("retries")) : RetryPolicy.none();
        List<String> after = map.has("after") ? Scalars.names(map.get("after"), "after", binding) : List.of();
        Boolean optional = map.has("optional") ? Scalars.bool(map.get("optional"), "optional", binding) : null;
        Bodies.Bound body = body(name, map, over != null);
        TaskCallbacks taskCallbacks = new TaskCallbacks(callback(map, "on_success"), callback(map, "on_failure"),
                callback(map, "on_timeout"), callback(map, "on_done"));
        // NOTE: a task whose body has a problem still enters the model, so that validation can report the rest.
        TaskBody taskBody = body.body() != null ? body.body() : new TaskBody.Shell("true", Map.of(), null);
        TaskSpec spec = new TaskSpec(name, executor, taskBody, timeout, retry == null ? RetryPolicy.none() : retry,
                after, null, over, optional != null && optional, taskCallbacks, binding.at(nameNode));
        return new Bound(spec, body.references());
    }

    private Bodies.Bound body(String name, YamlMap map, boolean fansOut) {
        Map<String, String> roots = new LinkedHashMap<>();
        roots.put("params", null);
        roots.put("item", fansOut ? null : "${item} is the current item of a foreach, and task '" + name
                + "' has no foreach");
        roots.put("results", null);
        roots.put("task", "a task's text sees params, item and results; ${task...} is for callbacks");
        roots.put("run", "a task's text sees params, item and results; ${run...} is for job callbacks");
        Bodies bodies = new Bodies(binding, roots);
        List<String> given = BODY_KEYS.stream().filter(map::has).toList();
        if (given.size() > 1) {
            binding.problem(map.node(), "task '" + name + "' has both " + given.get(0) + ": and " + given.get(1)
                    + ":; give one");
            return new Bodies.Bound(null, List.of());
        }
        if (map.has("shell")) {
            return bodies.shell(map.get("shell"));
        }
        if (map.has("http")) {
            return bodies.http(map.get("http"));
        }
        if (map.has("script")) {
            return new ScriptBodies(binding, roots).script(map.get("script"));
        }
        binding.problem(map.node(), "task '" + name + "' needs something to do: shell:, http: or script:");
        return new Bodies.Bound(null, List.of());
    }

    private Callback callback(YamlMap map, String key) {
        return map.has(key) ? callbacks.bind(map.get(key), key, "task") : null;
    }

    /** {@code retries: 2}, or {@code retries: {count: 2, backoff: 500ms, on: [timeout, http-5xx]}}. */
    private RetryPolicy retries(Node node) {
        if (node instanceof ScalarNode) {
            Integer count = Scalars.wholeNumber(node, "retries", binding);
            return count == null ? null : policy(node, count, Duration.ZERO, 1, null, List.of());
        }
        YamlMap map = YamlMap.of(node, "retries", binding);
        if (map == null) {
            return null;
        }
        map.allowOnly(RETRY_KEYS, "retries key", binding);
        Integer count = 1;
        if (map.has("count")) {
            count = Scalars.wholeNumber(map.get("count"), "retries count", binding);
        } else {
            binding.problem(node, "retries needs count: how many times to try again, e.g. count: 2");
        }
        Duration delay = Duration.ZERO;
        double factor = 1;
        Duration cap = null;
        Node backoff = map.get("backoff");
        if (backoff instanceof ScalarNode) {
            delay = Scalars.duration(backoff, "backoff", binding);
        } else if (backoff != null) {
            YamlMap backoffMap = YamlMap.of(backoff, "backoff", binding);
            if (backoffMap != null) {
                backoffMap.allowOnly(BACKOFF_KEYS, "backoff key", binding);
                delay = backoffMap.has("delay") ? Scalars.duration(backoffMap.get("delay"), "backoff delay", binding)
                        : Duration.ZERO;
                Double f = backoffMap.has("factor") ? Scalars.number(backoffMap.get("factor"), "backoff factor",
                        binding) : Double.valueOf(1);
                if (f != null && f < 1) {
                    binding.problem(backoffMap.get("factor"), "backoff factor must be at least 1, got " + f);
                } else if (f != null) {
                    factor = f;
                }
                cap = backoffMap.has("max") ? Scalars.duration(backoffMap.get("max"), "backoff max", binding) : null;
            }
        }
        List<String> on = map.has("on") ? conditions(map.get("on")) : List.of();
        if (count == null || delay == null) {
            return null;
        }
        return policy(node, count, delay, factor, cap, on);
    }

    private RetryPolicy policy(Node node, int count, Duration delay, double factor, Duration cap, List<String> on) {
        if (count < 0) {
            binding.problem(node, "retries must be 0 or more, got " + count);
            return null;
        }
        return new RetryPolicy(count, delay, factor, cap, on);
    }

    private List<String> conditions(Node node) {
        List<String> conditions = new ArrayList<>();
        List<Node> nodes = node instanceof SequenceNode list ? list.getValue() : List.of(node);
        for (Node element : nodes) {
            String condition = Scalars.name(element, "retries on", binding);
            if (condition == null) {
                continue;
            }
            boolean exceptionName = Character.isUpperCase(condition.charAt(0));
            if (!exceptionName && !RetryPolicy.CONDITIONS.contains(condition)) {
                binding.problem(element, "unknown retry condition '" + condition + "' (expected "
                        + String.join(", ", RetryPolicy.CONDITIONS) + " or an exception name such as IOException)"
                        + Suggestions.hint(condition, RetryPolicy.CONDITIONS));
                continue;
            }
            conditions.add(condition);
        }
        return conditions;
    }
}
