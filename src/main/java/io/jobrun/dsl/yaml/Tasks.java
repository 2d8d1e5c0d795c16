package io.jobrun.dsl.yaml;

import io.jobrun.job.CacheMode;
import io.jobrun.job.Caching;
import io.jobrun.job.Callback;
import io.jobrun.job.Condition;
import io.jobrun.job.ItemSource;
import io.jobrun.job.OptionType;
import io.jobrun.job.OptionValueException;
import io.jobrun.job.Positions;
import io.jobrun.job.RetryPolicy;
import io.jobrun.job.RuleException;
import io.jobrun.job.text.Suggestions;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskCallbacks;
import io.jobrun.job.TaskKind;
import io.jobrun.job.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Binds one entry of {@code tasks:} into a {@link TaskSpec}; the Groovy DSL's task options, in YAML's words. */
final class Tasks {
    static final List<String> OPTIONS = List.of("on", "foreach", "timeout", "retries", "after", "when", "optional",
            "description", "member_pool", "cache", "once", "inputs", "on_success", "on_failure", "on_timeout",
            "on_done");
    static final List<String> RETRY_KEYS = List.of("count", "backoff", "on");
    /** Retry settings the Groovy DSL writes beside retries:, which YAML keeps inside it. */
    private static final Map<String, String> ELSEWHERE = Map.of(
            "backoff", "inside retries:, as in retries: { count: 2, backoff: 500ms }",
            "retry_on", "inside retries: as on:, as in retries: { count: 2, on: [timeout] }",
            "retryOn", "inside retries: as on:, as in retries: { count: 2, on: [timeout] }",
            // NOTE: the words of GitHub Actions' steps and of Compose files
            "run", "as shell:, which runs a command: shell: make test",
            "command", "inside shell:, or as shell: alone: shell: make test");
    static final List<String> BACKOFF_KEYS = List.of("delay", "factor", "max");

    private final Binding binding;
    private final Callbacks callbacks;
    /** The registered task kinds by their YAML keys. */
    private final Map<String, TaskKind> kinds = new LinkedHashMap<>();

    Tasks(Binding binding, Callbacks callbacks) {
        this.binding = binding;
        this.callbacks = callbacks;
        binding.kinds.tasks().all().forEach(kind -> kinds.put(Spelling.snake(kind.name()), kind));
    }

    /** The task named {@code name}, written at {@code nameNode}; null when it cannot be made into a model at all. */
    TaskSpec bind(String name, Node nameNode, Node node) {
        YamlMap map = YamlMap.of(node, "task '" + name + "'", binding);
        if (map == null) {
            return null;
        }
        List<String> allowed = new ArrayList<>(OPTIONS);
        allowed.addAll(kinds.keySet());
        List<String> misplaced = reportBodyOptions(map);
        map.without(misplaced::contains).allowOnly(allowed, ELSEWHERE, "task option", binding);
        Positions.Builder positions = new Positions.Builder(binding.at(nameNode));
        record(positions, map, "on", "on");
        record(positions, map, "timeout", "timeout");
        record(positions, map, "after", "after");
        record(positions, map, "foreach", "over");
        record(positions, map, "cache", "caching.mode");
        record(positions, map, "once", "caching.once");
        record(positions, map, "inputs", "caching.inputs");
        record(positions, map, "member_pool", "memberPool");
        record(positions, map, "when", "when");
        String executor = map.has("on") ? Scalars.name(map.get("on"), "on", binding) : null;
        ItemSource over = map.has("foreach") ? FanOut.source(map.get("foreach"), binding) : null;
        Duration timeout = map.has("timeout") ? Scalars.duration(map.get("timeout"), "timeout", binding) : null;
        RetryPolicy retry = map.has("retries") ? retries(map.get("retries"), positions) : RetryPolicy.none();
        List<String> after = map.has("after") ? Scalars.names(map.get("after"), "after", binding) : List.of();
        String memberPool = map.has("member_pool") ? Scalars.text(map.get("member_pool"), "member_pool", binding)
                : null;
        Boolean optional = map.has("optional") ? Scalars.bool(map.get("optional"), "optional", binding) : null;
        Condition when = map.has("when") ? condition(map.get("when")) : null;
        Caching caching = caching(map, positions);
        String description = map.has("description") ? Scalars.text(map.get("description"), "description", binding)
                : null;
        BodyBinder.Bound body = body(name, map);
        positions.all("body", body.positions());
        TaskCallbacks taskCallbacks = new TaskCallbacks(callback(map, "on_success"), callback(map, "on_failure"),
                callback(map, "on_timeout"), callback(map, "on_done"));
        // NOTE: a task whose body has a problem still enters the model, so that validation can report the rest.
        TaskBody taskBody = body.body() != null ? body.body() : new TaskBody.Shell("true", Map.of(), null);
        return new TaskSpec(name, executor, taskBody, timeout, retry == null ? RetryPolicy.none() : retry, after,
                null, over, optional != null && optional, taskCallbacks, binding.at(nameNode), positions.build(),
                description, memberPool, caching, when);
    }

    /** {@code when:} true, false or text with one {@code ${...}}, which the validator checks for both syntaxes. */
    private Condition condition(Node node) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            return Condition.of(Boolean.parseBoolean(scalar.getValue()));
        }
        if (node instanceof ScalarNode scalar && Scalars.isText(scalar)) {
            return new Condition(scalar.getValue());
        }
        binding.problem(node, Condition.TAKES + "; got " + Scalars.describe(node));
        return null;
    }

    /** {@code cache:}, {@code once:} and {@code inputs:}; the default after reporting what is wrong. */
    @SuppressWarnings("unchecked")
    private Caching caching(YamlMap map, Positions.Builder positions) {
        CacheMode mode = CacheMode.STAT;
        if (map.has("cache")) {
            try {
                mode = CacheMode.of(Scalars.plain(map.get("cache")), "cache");
            } catch (OptionValueException e) {
                binding.problem(map.get("cache"), e.getMessage());
            }
        }
        Boolean once = map.has("once") ? Scalars.bool(map.get("once"), "once", binding) : null;
        List<String> inputs = List.of();
        if (map.has("inputs")) {
            try {
                inputs = (List<String>) OptionType.NAMES.convert(Scalars.plain(map.get("inputs")), "inputs");
            } catch (OptionValueException e) {
                binding.problem(map.get("inputs"), e.getMessage());
            }
        }
        try {
            return new Caching(mode, once != null && once, inputs);
        } catch (RuleException e) {
            binding.problem(positions.build().at("caching." + e.part()), e.getMessage());
            return Caching.DEFAULT;
        }
    }

    private void record(Positions.Builder positions, YamlMap map, String key, String part) {
        if (map.has(key)) {
            binding.record(positions, part, map.get(key));
        }
    }

    private BodyBinder.Bound body(String name, YamlMap map) {
        List<String> given = kinds.keySet().stream().filter(map::has).toList();
        if (given.size() > 1) {
            binding.problem(map.node(), "task '" + name + "' has both " + given.get(0) + ": and " + given.get(1)
                    + ":; give one");
        } else if (given.isEmpty()) {
            // NOTE: a run: or command: is answered on its own line as shell:, which says what to do already
            if (!commandElsewhere(map)) {
                binding.problem(map.node(), "task '" + name + "' needs something to do: "
                        + String.join(":, ", kinds.keySet()) + ":");
            }
        } else {
            return new BodyBinder(binding, OPTIONS).bind(kinds.get(given.get(0)), given.get(0),
                    map.get(given.get(0)));
        }
        return new BodyBinder.Bound(null, Positions.of(binding.at(map.node())));
    }

    /** Whether the task holds a command under another runner's key ({@code run:}, {@code command:}): meant as shell:. */
    private static boolean commandElsewhere(YamlMap map) {
        return map.has("run") || map.has("command");
    }

    /**
     * Reports each option of the task's body written beside it, in the task ({@code env:} beside {@code shell:}),
     * pointed inside the body; returns their keys.
     */
    private List<String> reportBodyOptions(YamlMap map) {
        List<String> misplaced = new ArrayList<>();
        // NOTE: GitHub's run: (answered as shell:) with its env: beside it, as a GitHub step has them
        boolean shellMeant = commandElsewhere(map);
        for (YamlMap.Entry entry : map.entries()) {
            String key = entry.key();
            if (OPTIONS.contains(key) || kinds.containsKey(key) || ELSEWHERE.containsKey(key)) {
                continue;
            }
            for (var kind : kinds.entrySet()) {
                boolean written = map.has(kind.getKey()) || shellMeant && kind.getKey().equals("shell");
                if (written && kind.getValue().options().stream()
                        .anyMatch(option -> Spelling.snake(option.name()).equals(key))) {
                    binding.problem(entry.keyNode(), Suggestions.misplaced("task option", key, kind.getKey() + "'s",
                            "inside " + kind.getKey() + ":, as in " + kind.getKey() + ": { " + key + ": ... }"));
                    misplaced.add(key);
                    break;
                }
            }
        }
        return misplaced;
    }

    private Callback callback(YamlMap map, String key) {
        return map.has(key) ? callbacks.bind(map.get(key), key, "task") : null;
    }

    /** {@code retries: 2}, or {@code retries: {count: 2, backoff: 500ms, on: [timeout, http-5xx]}}. */
    @SuppressWarnings("unchecked")
    private RetryPolicy retries(Node node, Positions.Builder positions) {
        if (node instanceof ScalarNode) {
            Integer count = Scalars.wholeNumber(node, "retries", binding);
            binding.record(positions, "retry.count", node);
            return count == null ? null : policy(count, Duration.ZERO, 1, null, List.of(), positions);
        }
        YamlMap map = YamlMap.of(node, "retries", binding);
        if (map == null) {
            return null;
        }
        binding.record(positions, "retry", node);
        map.allowOnly(RETRY_KEYS, "retries option", binding);
        Integer count = 1;
        if (map.has("count")) {
            count = Scalars.wholeNumber(map.get("count"), "retries count", binding);
            binding.record(positions, "retry.count", map.get("count"));
        } else {
            binding.problem(node, "retries needs count: how many times to try again, e.g. count: 2");
        }
        Duration delay = Duration.ZERO;
        double factor = 1;
        Duration cap = null;
        Node backoff = map.get("backoff");
        if (backoff instanceof ScalarNode) {
            delay = Scalars.duration(backoff, "backoff", binding);
            binding.record(positions, "retry.delay", backoff);
        } else if (backoff != null) {
            YamlMap backoffMap = YamlMap.of(backoff, "backoff", binding);
            if (backoffMap != null) {
                backoffMap.allowOnly(BACKOFF_KEYS, "backoff option", binding);
                record(positions, backoffMap, "delay", "retry.delay");
                record(positions, backoffMap, "factor", "retry.factor");
                record(positions, backoffMap, "max", "retry.cap");
                delay = backoffMap.has("delay") ? Scalars.duration(backoffMap.get("delay"), "backoff delay", binding)
                        : Duration.ZERO;
                Double f = backoffMap.has("factor") ? Scalars.number(backoffMap.get("factor"), "backoff factor",
                        binding) : Double.valueOf(1);
                factor = f == null ? 1 : f;
                cap = backoffMap.has("max") ? Scalars.duration(backoffMap.get("max"), "backoff max", binding) : null;
            }
        }
        List<String> on = List.of();
        if (map.has("on")) {
            binding.record(positions, "retry.on", map.get("on"));
            try {
                on = (List<String>) OptionType.NAMES.convert(Scalars.plain(map.get("on")), "retries on");
            } catch (OptionValueException e) {
                binding.problem(map.get("on"), e.getMessage());
            }
        }
        if (count == null || delay == null) {
            return null;
        }
        return policy(count, delay, factor, cap, on, positions);
    }

    /** The policy, or null after placing the rule it breaks. */
    private RetryPolicy policy(int count, Duration delay, double factor, Duration cap, List<String> on,
                               Positions.Builder positions) {
        try {
            return new RetryPolicy(count, delay, factor, cap, on);
        } catch (RuleException e) {
            binding.problem(positions.build().at("retry." + e.part()), e.getMessage());
            return null;
        }
    }
}
