package io.jobrun.dsl.yaml;

import io.jobrun.job.Callback;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.HaltPolicy;
import io.jobrun.job.Job;
import io.jobrun.job.JobCallbacks;
import io.jobrun.job.OptionValueException;
import io.jobrun.job.OutputMode;
import io.jobrun.job.Positions;
import io.jobrun.job.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Binds a YAML job file's node tree into the job model, section by section, collecting every problem. */
final class JobBinder {
    static final List<String> KEYS = List.of("description", "params", "executors", "tasks", "timeout", "halt",
            "on_success", "on_failure", "always", "default", "output", "dotenv", "secrets");

    /** Top-level keys that start so are the file's own, passed over: a place for anchors. */
    static final String EXTENSION_PREFIX = "x-";

    private final Binding binding;
    private final Callbacks callbacks;

    JobBinder(Binding binding) {
        this.binding = binding;
        this.callbacks = new Callbacks(binding);
    }

    /** The model of the document at {@code root}, or null when it is not a map at all. */
    Job bind(Node root) {
        YamlMap job = YamlMap.of(root, "a job file", binding);
        if (job == null) {
            return null;
        }
        // NOTE: a top-level x-... key holds what the file anchors (&defaults) to merge elsewhere, as in Compose files
        job.without(key -> key.startsWith(EXTENSION_PREFIX)).allowOnly(KEYS, "key", binding);
        Positions.Builder positions = new Positions.Builder(io.jobrun.job.SourcePosition.of(binding.file));
        for (YamlMap.Entry entry : job.entries()) {
            binding.record(positions, entry.key(), entry.value());
        }
        String description = job.has("description") ? Scalars.text(job.get("description"), "description", binding)
                : null;
        if (job.has("params")) {
            params(job.get("params"));
        }
        List<ExecutorSpec> executors = job.has("executors") ? executors(job.get("executors")) : List.of();
        // NOTE: a job without tasks is the validator's to report, as for every syntax.
        List<TaskSpec> tasks = job.has("tasks") ? tasks(job.get("tasks")) : List.of();
        Duration timeout = job.has("timeout") ? Scalars.duration(job.get("timeout"), "timeout", binding) : null;
        HaltPolicy halt = job.has("halt") ? halt(job.get("halt")) : HaltPolicy.RUN_ALL;
        JobCallbacks jobCallbacks = new JobCallbacks(callback(job, "always", "run"), callback(job, "on_success", "run"),
                callback(job, "on_failure", "task"));
        List<String> defaultTasks = job.has("default") ? Scalars.names(job.get("default"), "default", binding)
                : List.of();
        OutputMode output = job.has("output") ? output(job.get("output")) : OutputMode.FAILED;
        List<String> dotenv = job.has("dotenv") ? Scalars.names(job.get("dotenv"), "dotenv", binding) : List.of();
        List<String> secrets = job.has("secrets") ? Scalars.names(job.get("secrets"), "secrets", binding)
                : List.of();
        return new Job(binding.file, description, binding.params.texts(), executors, tasks, jobCallbacks, timeout, halt,
                binding.params.declared(), positions.build(), defaultTasks, output, dotenv, secrets);
    }

    private void params(Node node) {
        YamlMap map = YamlMap.of(node, "params", binding);
        if (map == null) {
            return;
        }
        for (YamlMap.Entry entry : map.entries()) {
            binding.params.declare(entry.key(), Scalars.plain(entry.value()))
                    .ifPresent(problem -> binding.problem(entry.value(), problem));
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
        if (node instanceof SequenceNode list) {
            return listedTasks(list);
        }
        List<TaskSpec> specs = new ArrayList<>();
        YamlMap map = YamlMap.of(node, "tasks", binding, (key, first) -> "task '" + key
                + "' is declared twice (first at line " + first.line() + ")");
        if (map == null) {
            return specs;
        }
        Tasks binder = new Tasks(binding, callbacks);
        for (YamlMap.Entry entry : map.entries()) {
            TaskSpec spec = binder.bind(entry.key(), entry.keyNode(), entry.value());
            if (spec != null) {
                specs.add(spec);
            }
        }
        return specs;
    }

    /**
     * {@code tasks:} written as a list of steps with {@code name:}, as GitHub Actions writes them: refused with the
     * map's form; each named step is still bound, so that its own problems are reported in the same pass and the
     * job is not also said to have no tasks.
     */
    private List<TaskSpec> listedTasks(SequenceNode list) {
        List<TaskSpec> specs = new ArrayList<>();
        String example = "build";
        Tasks binder = new Tasks(binding, callbacks);
        for (Node item : list.getValue()) {
            if (!(item instanceof MappingNode step)) {
                continue;
            }
            List<NodeTuple> options = new ArrayList<>();
            ScalarNode name = null;
            for (NodeTuple tuple : step.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("name")
                        && tuple.getValueNode() instanceof ScalarNode value && name == null) {
                    name = value;
                } else {
                    options.add(tuple);
                }
            }
            if (name == null) {
                continue;
            }
            if (specs.isEmpty()) {
                example = name.getValue();
            }
            MappingNode task = new MappingNode(step.getTag(), true, options, step.getFlowStyle(), step.getStartMark(),
                    step.getEndMark());
            TaskSpec spec = binder.bind(name.getValue(), name, task);
            if (spec != null) {
                specs.add(spec);
            }
        }
        binding.problem(list, "tasks is a map from each task's name to the task, not a list: write '" + example
                + ":' with the task's options below it, in place of '- name: " + example + "'");
        return specs;
    }

    private OutputMode output(Node node) {
        String keyword = Scalars.text(node, "output", binding);
        try {
            return keyword == null ? OutputMode.FAILED : OutputMode.parse(keyword);
        } catch (OptionValueException e) {
            binding.problem(node, e.getMessage());
            return OutputMode.FAILED;
        }
    }

    private HaltPolicy halt(Node node) {
        String keyword = Scalars.text(node, "halt", binding);
        if (keyword == null) {
            return HaltPolicy.RUN_ALL;
        }
        try {
            return HaltPolicy.parse(keyword);
        } catch (OptionValueException e) {
            binding.problem(node, e.getMessage());
            return HaltPolicy.RUN_ALL;
        }
    }

    private List<Callback> callback(YamlMap job, String key, String subjectName) {
        if (!job.has(key)) {
            return List.of();
        }
        Callback callback = callbacks.bind(job.get(key), key, subjectName);
        return callback == null ? List.of() : List.of(callback);
    }
}
