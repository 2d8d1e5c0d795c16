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
 * when every one of those would be cached (their recorded results are what a run would see).
 *
 * <p>After an upstream that runs again, whose new result is not known before it runs, an instance is keyed as if
 * that upstream gave its earlier result: if it would then be cached, the upstream's result decides ({@code maybe});
 * if it runs for a reason of its own (its code changed, it never ended ok), it runs whatever that result is.
 */
public final class Explainer {
    /** What a resume would do with an instance. */
    public enum Verdict {
        /** An earlier result stands for it. */
        CACHED,
        /** It runs, whatever the tasks before it return. */
        RUNS,
        /** It runs after a task that runs again, and is cached if that task returns what it returned before. */
        MAYBE;

        /** "cached", "runs", "maybe". */
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One instance: its name, what a resume would do with it, and why. */
    public record Line(String instance, Verdict verdict, String reason) {
        public boolean cached() {
            return verdict == Verdict.CACHED;
        }
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
        List<String> again = new ArrayList<>();
        Map<String, Object> view = new LinkedHashMap<>();
        for (String upstream : upstreams) {
            if (running.contains(upstream)) {
                again.add(upstream);
                resumer.earlierResult(upstream).ifPresent(earlier -> view.put(upstream, earlier));
            } else {
                view.put(upstream, known.get(upstream));
            }
        }
        if (!again.isEmpty()) {
            running.add(spec.name());
        }
        String decidedBy = again.isEmpty() ? null : "after '" + again.get(0) + "', which runs again: its result decides";
        if (view.size() < upstreams.size()) {
            String name = spec.fansOut() ? spec.name() + "[...]" : spec.name();
            lines.add(resumer.endedOk(name) ? new Line(name, Verdict.MAYBE, decidedBy)
                    : new Line(name, Verdict.RUNS, "no ok run before"));
            return;
        }
        Map<String, Object> results = Collections.unmodifiableMap(view);
        List<TaskInstance> instances;
        try {
            instances = Instances.of(spec, Instances.items(spec, results));
        } catch (RuntimeException e) {
            running.add(spec.name());
            lines.add(new Line(spec.name(), Verdict.RUNS, "its items cannot be read: " + e.getMessage()));
            return;
        }
        Object[] values = new Object[instances.size()];
        boolean allCached = true;
        for (int i = 0; i < instances.size(); i++) {
            TaskInstance instance = instances.get(i);
            Object input = spec.inputFrom() != null ? results.get(spec.inputFrom()) : instance.item();
            Decision decision = resumer.decide(instance, keys.key(instance, input, results));
            if (decidedBy != null && (decision.cached() || again.stream().anyMatch(upstream ->
                    decision.reason().equals("result of '" + upstream + "' changed")))) {
                lines.add(new Line(instance.name(), Verdict.MAYBE, decidedBy));
            } else {
                lines.add(new Line(instance.name(), decision.cached() ? Verdict.CACHED : Verdict.RUNS,
                        decision.reason()));
            }
            values[i] = decision.result();
            allCached &= decision.cached();
        }
        if (allCached && again.isEmpty()) {
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
