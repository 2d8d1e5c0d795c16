package io.jobrun.resume;

import io.jobrun.job.Job;
import io.jobrun.job.TaskSpec;
import io.jobrun.run.Instances;
import io.jobrun.run.TaskInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code --resume} would do, without running anything ({@code --dry-run --explain}): each instance, cached or
 * runs, and why. Tasks are taken in dependency order; a task's instances are keyed with the results of its upstreams
 * when every one of those would be cached (their recorded results are what a run would see), and otherwise run
 * because an upstream runs first, whose result is not known before it does.
 */
public final class Explainer {
    /** One instance: its name, whether it would be cached, and why. */
    public record Line(String instance, boolean cached, String reason) {
    }

    private final Job job;
    private final Keys keys;
    private final Resumer resumer;
    /** The result each task would have, for those whose every instance would be cached. */
    private final Map<String, Object> known = new HashMap<>();
    /** Tasks with an instance that would run: their results are unknown. */
    private final Set<String> running = new HashSet<>();

    public Explainer(Job job, Keys keys, Resumer resumer) {
        this.job = job;
        this.keys = keys;
        this.resumer = resumer;
    }

    /** Every instance of the job, in dependency order. */
    public List<Line> explain() {
        List<Line> lines = new ArrayList<>();
        for (TaskSpec spec : dependencyOrder()) {
            explain(spec, lines);
        }
        return lines;
    }

    private void explain(TaskSpec spec, List<Line> lines) {
        Set<String> upstreams = allUpstreams(spec);
        for (String upstream : upstreams) {
            if (running.contains(upstream)) {
                running.add(spec.name());
                lines.add(new Line(spec.fansOut() ? spec.name() + "[...]" : spec.name(), false,
                        "'" + upstream + "' runs first"));
                return;
            }
        }
        Map<String, Object> view = new LinkedHashMap<>();
        upstreams.forEach(name -> view.put(name, known.get(name)));
        Map<String, Object> results = Collections.unmodifiableMap(view);
        List<TaskInstance> instances;
        try {
            instances = Instances.of(spec, Instances.items(spec, results));
        } catch (RuntimeException e) {
            running.add(spec.name());
            lines.add(new Line(spec.name(), false, "its items cannot be read: " + e.getMessage()));
            return;
        }
        Object[] values = new Object[instances.size()];
        boolean allCached = true;
        for (int i = 0; i < instances.size(); i++) {
            TaskInstance instance = instances.get(i);
            Object input = spec.inputFrom() != null ? results.get(spec.inputFrom()) : instance.item();
            Decision decision = resumer.decide(instance, keys.key(instance, input, results));
            lines.add(new Line(instance.name(), decision.cached(), decision.reason()));
            values[i] = decision.result();
            allCached &= decision.cached();
        }
        if (allCached) {
            known.put(spec.name(), spec.fansOut() ? Collections.unmodifiableList(Arrays.asList(values))
                    : values.length == 0 ? null : values[0]);
        } else {
            running.add(spec.name());
        }
    }

    /** The tasks {@code spec} runs after, directly or through others: what it sees as {@code results}. */
    private Set<String> allUpstreams(TaskSpec spec) {
        Set<String> all = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(spec.upstreams());
        while (!todo.isEmpty()) {
            String name = todo.remove(0);
            TaskSpec upstream = job.task(name);
            if (upstream != null && all.add(name)) {
                todo.addAll(upstream.upstreams());
            }
        }
        return all;
    }

    /** The tasks, each after the tasks it runs after; otherwise in declaration order. */
    private List<TaskSpec> dependencyOrder() {
        List<TaskSpec> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (TaskSpec spec : job.tasks()) {
            place(spec, ordered, placed, new HashSet<>());
        }
        return ordered;
    }

    private void place(TaskSpec spec, List<TaskSpec> ordered, Set<String> placed, Set<String> visiting) {
        if (placed.contains(spec.name()) || !visiting.add(spec.name())) {
            return;
        }
        for (String upstream : spec.upstreams()) {
            TaskSpec other = job.task(upstream);
            if (other != null) {
                place(other, ordered, placed, visiting);
            }
        }
        placed.add(spec.name());
        ordered.add(spec);
    }
}
