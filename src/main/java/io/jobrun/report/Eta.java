package io.jobrun.report;

import io.jobrun.job.ExecutorSpec;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The progress line's estimate of the time left: for each executor, the mean run time of its finished tasks, times
 * how many of its declared task instances have not finished, over its slots (workers); the largest of these, since
 * executors work at the same time and the one with the longest backlog ends last. An executor none of whose tasks
 * has finished yet is given the mean of all finished tasks.
 *
 * <p>No estimate until {@link #ENOUGH} tasks have finished: the first few are often not typical (a cold JVM, a
 * first download). Work that tasks submit from code and fan-outs that have not read their items yet are not in it,
 * since how many there will be is not known.
 */
final class Eta {
    /** Finished tasks needed before there is an estimate. */
    static final int ENOUGH = 3;

    /** Of one executor: its slots, what is left of its declared instances, and the run time of those finished. */
    private static final class Load {
        final int slots;
        int left;
        int finished;
        long runNanos;

        Load(int slots) {
            this.slots = Math.max(1, slots);
        }
    }

    private final Map<String, Load> executors = new HashMap<>();
    private int finished;
    private long runNanos;

    /** The run started with these executors and these declared instances. */
    void start(List<ExecutorSpec> specs, List<TaskInstance> planned) {
        executors.clear();
        finished = 0;
        runNanos = 0;
        for (ExecutorSpec spec : specs) {
            executors.put(spec.name(), new Load(spec.workers()));
        }
        planned.forEach(this::add);
    }

    /** A fan-out read its items: these instances are now known. */
    void add(List<TaskInstance> instances) {
        instances.forEach(this::add);
    }

    private void add(TaskInstance instance) {
        if (!instance.submitted()) {
            load(instance.executor()).left++;
        }
    }

    /** A task instance reached its final status. */
    void finished(TaskOutcome outcome) {
        if (outcome.task().submitted()) {
            return;
        }
        Load load = load(outcome.task().executor());
        load.left = Math.max(0, load.left - 1);
        if (!outcome.history().isEmpty()) { // one that never ran says nothing about how long tasks take
            long nanos = outcome.runNanos();
            load.finished++;
            load.runNanos += nanos;
            finished++;
            runNanos += nanos;
        }
    }

    /** The time left, or null before {@link #ENOUGH} tasks have finished. */
    Duration left() {
        if (finished < ENOUGH) {
            return null;
        }
        double overallMean = (double) runNanos / finished;
        double longest = 0;
        for (Load load : executors.values()) {
            if (load.left > 0) {
                double mean = load.finished > 0 ? (double) load.runNanos / load.finished : overallMean;
                longest = Math.max(longest, mean * load.left / load.slots);
            }
        }
        return Duration.ofNanos(Math.round(longest));
    }

    private Load load(String executor) {
        // NOTE: an executor the start did not name (a test's bare start event) gets one slot.
        return executors.computeIfAbsent(executor, e -> new Load(1));
    }

    /** "ETA 45s", "ETA 3m05s", "ETA 2h07m": whole seconds, rounded up, so a backlog never reads as 0s. */
    static String format(Duration left) {
        long seconds = (left.toMillis() + 999) / 1000;
        if (seconds < 60) {
            return "ETA " + seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(java.util.Locale.ROOT, "ETA %dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(java.util.Locale.ROOT, "ETA %dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
