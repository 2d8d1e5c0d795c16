package io.jobrun.dsl.yaml;

import io.jobrun.job.Callback;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.HaltPolicy;
import io.jobrun.job.Job;
import io.jobrun.job.JobCallbacks;
import io.jobrun.job.Suggestions;
import io.jobrun.job.TaskSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Binds a YAML job file's node tree into the job model, section by section, collecting every problem. */
final class JobBinder {
    static final List<String> KEYS = List.of("description", "params", "executors", "tasks", "timeout", "halt",
            "on_success", "on_failure", "always");

    private final Binding binding;
    private final Callbacks callbacks;

    JobBinder(Binding binding, PrintStream out, PrintStream err) {
        this.binding = binding;
        this.callbacks = new Callbacks(binding, out, err);
    }

    /** The model of the document at {@code root}, or null when it is not a map at all. */
    Job bind(Node root) {
        YamlMap job = YamlMap.of(root, "a job file", binding);
        if (job == null) {
            return null;
        }
        job.allowOnly(KEYS, "key", binding);
        String description = job.has("description") ? Scalars.text(job.get("description"), "description", binding)
                : null;
        if (job.has("params")) {
            params(job.get("params"));
        }
        List<ExecutorSpec> executors = job.has("executors") ? executors(job.get("executors")) : List.of();
        List<TaskSpec> tasks = new ArrayList<>();
        if (job.has("tasks")) {
            tasks = tasks(job.get("tasks"));
        } else {
            binding.problem(root, "a job file needs tasks: the work to do, e.g. tasks: { hello: { shell: echo hi } }");
        }
        Duration timeout = job.has("timeout") ? Scalars.duration(job.get("timeout"), "timeout", binding) : null;
        HaltPolicy halt = job.has("halt") ? halt(job.get("halt")) : HaltPolicy.RUN_ALL;
        JobCallbacks jobCallbacks = new JobCallbacks(callback(job, "always", "run"), callback(job, "on_success", "run"),
                callback(job, "on_failure", "task"));
        return new Job(binding.file, description, binding.params, executors, tasks, jobCallbacks, timeout, halt);
    }

    private void params(Node node) {
        for (Map.Entry<String, ScalarNode> entry : Scalars.textMap(node, "params", binding).entrySet()) {
            binding.params.putIfAbsent(entry.getKey(), entry.getValue().getValue());
        }
    }

    private List<ExecutorSpec> executors(Node node) {
        List<ExecutorSpec> executors = new ArrayList<>();
        YamlMap map = YamlMap.of(node, "executors", binding, (key, first) -> "executor '" + key
                + "' is declared twice (first at line " + first.line() + ")");
        if (map == null) {
            return executors;
        }
        Executors binder = new Executors(binding);
        for (YamlMap.Entry entry : map.entries()) {
            ExecutorSpec spec = binder.bind(entry);
            // NOTE: an executor with a problem stays as a stand-in, so tasks on it get no second, misleading problem.
            executors.add(spec != null ? spec : new ExecutorSpec(entry.key(), Executors.STAND_IN, 1,
                    binding.at(entry.keyNode())));
        }
        return executors;
    }

    private List<TaskSpec> tasks(Node node) {
        List<TaskSpec> specs = new ArrayList<>();
        YamlMap map = YamlMap.of(node, "tasks", binding, (key, first) -> "task '" + key
                + "' is declared twice (first at line " + first.line() + ")");
        if (map == null) {
            return specs;
        }
        if (map.entries().isEmpty()) {
            binding.problem(node, "tasks is empty; a job needs at least one task");
        }
        Tasks binder = new Tasks(binding, callbacks);
        Map<String, List<Templates.ResultReference>> references = new LinkedHashMap<>();
        for (YamlMap.Entry entry : map.entries()) {
            Tasks.Bound bound = binder.bind(entry.key(), entry.keyNode(), entry.value());
            if (bound != null) {
                specs.add(bound.spec());
                references.put(entry.key(), bound.references());
            }
        }
        checkResultReferences(specs, references);
        return specs;
    }

    /**
     * {@code ${results.x}} must name a task that finishes before this one: one in its {@code after} (or the one its
     * {@code foreach} takes its items from), directly or not.
     */
    private void checkResultReferences(List<TaskSpec> specs, Map<String, List<Templates.ResultReference>> references) {
        Map<String, TaskSpec> byName = new LinkedHashMap<>();
        specs.forEach(spec -> byName.put(spec.name(), spec));
        references.forEach((task, found) -> {
            Set<String> before = upstream(task, byName);
            for (Templates.ResultReference reference : found) {
                if (!byName.containsKey(reference.task())) {
                    binding.problem(reference.position(), "${results." + reference.task() + "}: there is no task '"
                            + reference.task() + "'" + Suggestions.hint(reference.task(), byName.keySet()));
                } else if (!before.contains(reference.task())) {
                    binding.problem(reference.position(), "${results." + reference.task() + "}: task '" + task
                            + "' may run before '" + reference.task() + "' finishes; add it to after: [" 
                            + reference.task() + "]");
                }
            }
        });
    }

    private static Set<String> upstream(String task, Map<String, TaskSpec> byName) {
        Set<String> seen = new HashSet<>();
        List<String> pending = new ArrayList<>(List.of(task));
        while (!pending.isEmpty()) {
            TaskSpec spec = byName.get(pending.remove(pending.size() - 1));
            if (spec == null) {
                continue;
            }
            for (String dependency : spec.upstreams()) {
                if (seen.add(dependency)) {
                    pending.add(dependency);
                }
            }
        }
        return seen;
    }

    private HaltPolicy halt(Node node) {
        String keyword = Scalars.text(node, "halt", binding);
        if (keyword == null) {
            return HaltPolicy.RUN_ALL;
        }
        HaltPolicy policy = HaltPolicy.fromKeyword(keyword);
        if (policy == null) {
            binding.problem(node, "unknown halt policy '" + keyword + "' (expected one of "
                    + String.join(", ", HaltPolicy.keywords()) + ")" + Suggestions.hint(keyword, HaltPolicy.keywords()));
            return HaltPolicy.RUN_ALL;
        }
        return policy;
    }

    private List<Callback> callback(YamlMap job, String key, String subjectName) {
        if (!job.has(key)) {
            return List.of();
        }
        Callback callback = callbacks.bind(job.get(key), key, subjectName);
        return callback == null ? List.of() : List.of(callback);
    }
}
