package io.jobrun.run;

import io.jobrun.job.Job;
import io.jobrun.job.Elapsed;
import io.jobrun.job.RunView;
import io.jobrun.job.TaskView;
import java.time.Duration;
import java.util.List;

/**
 * Everything a report needs once the run is over. Immutable; a class rather than a record only so that whether the run
 * succeeded is worked out once, when it is made, not over every outcome each time it is asked (the journal's
 * {@code done} line, the callbacks, the summary and the exit code each ask it, and a run may have 100,000 outcomes).
 */
public final class RunResult implements RunView {
    private final Job job;
    private final List<TaskOutcome> outcomes;
    private final Duration wallTime;
    private final StopCause stopCause;
    private final List<String> warnings;
    /** Whether no outcome fails the run (no task that had to succeed failed or did not run): gone over once. */
    private final boolean outcomesOk;

    /**
     * @param outcomes    one per task instance: declared ones in declaration order, then submitted work in start order
     * @param wallTime    from the first submission to the end of the run
     * @param stopCause   why the run ended early, or null when it ran to its end
     * @param warnings    callbacks that threw, one line each; they fail the run (a report listener that throws does
     *                    not, and is not listed here)
     */
    public RunResult(Job job, List<TaskOutcome> outcomes, Duration wallTime, StopCause stopCause,
                     List<String> warnings) {
        this(job, List.copyOf(outcomes), wallTime, stopCause, warnings, outcomesOk(outcomes));
    }

    private RunResult(Job job, List<TaskOutcome> outcomes, Duration wallTime, StopCause stopCause,
                      List<String> warnings, boolean outcomesOk) {
        this.job = job;
        this.outcomes = outcomes;
        this.wallTime = wallTime;
        this.stopCause = stopCause;
        this.warnings = List.copyOf(warnings);
        this.outcomesOk = outcomesOk;
    }

    private static boolean outcomesOk(List<TaskOutcome> outcomes) {
        for (TaskOutcome outcome : outcomes) {
            boolean required = !outcome.task().optional() && !outcome.task().submitted();
            // NOTE: a task skipped as meant (its when: false, or that of a task before it) fails nothing
            boolean didNotRun = outcome.status() == TaskStatus.CANCELLED || outcome.status() == TaskStatus.SKIPPED
                    && !(outcome.error() instanceof ConditionUnmet);
            if (outcome.failsJob() || didNotRun && required) {
                return false;
            }
        }
        return true;
    }

    public Job job() {
        return job;
    }

    public List<TaskOutcome> outcomes() {
        return outcomes;
    }

    public Duration wallTime() {
        return wallTime;
    }

    public StopCause stopCause() {
        return stopCause;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** 0 every task that had to succeed did; 1 some task failed or timed out; 130, 143, 129 stopped by a signal. */
    public int exitCode() {
        if (stopCause != null && stopCause.fromOutside()) {
            return stopCause.exitCode();
        }
        return getOk() ? 0 : 1;
    }

    /** The same result with {@code warnings} in place of its own (its outcomes are the same: not gone over again). */
    public RunResult withWarnings(List<String> warnings) {
        return new RunResult(job, outcomes, wallTime, stopCause, warnings, outcomesOk);
    }

    /** Whether a signal (Ctrl-C, SIGTERM, SIGHUP) stopped the run. */
    public boolean interrupted() {
        return stopCause != null && stopCause.fromOutside();
    }

    /** Whether the job's own timeout ended the run. */
    public boolean timedOut() {
        return stopCause == StopCause.JOB_TIMEOUT;
    }

    @Override
    public Elapsed getWall() {
        return new Elapsed(wallTime);
    }

    @Override
    public boolean getOk() {
        return outcomesOk && !interrupted() && !timedOut() && warnings.isEmpty();
    }

    @Override
    public List<TaskView> getTasks() {
        return outcomes.stream().<TaskView>map(OutcomeView::new).toList();
    }

    /**
     * Every row that failed, timed out or leaked: optional tasks and work that code submitted included, as the
     * summary counts them; {@link TaskOutcome#failsJob()} tells which of them fail the job.
     */
    @Override
    public List<TaskView> getFailed() {
        return failed().stream().<TaskView>map(OutcomeView::new).toList();
    }

    /** The outcomes {@link #getFailed()} shows. */
    public List<TaskOutcome> failed() {
        return outcomes.stream().filter(o -> o.status().isFailure()).toList();
    }

    @Override
    public java.util.Map<String, Object> getResults() {
        java.util.Map<String, Object> results = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<Object>> fanOuts = new java.util.LinkedHashMap<>();
        java.util.Set<String> incomplete = new java.util.HashSet<>();
        for (TaskOutcome outcome : outcomes) {
            var spec = outcome.task().spec();
            if (spec == null) {
                continue;
            }
            if (!outcome.status().succeeded()) {
                incomplete.add(spec.name());
            } else if (spec.fansOut()) {
                fanOuts.computeIfAbsent(spec.name(), k -> new java.util.ArrayList<>()).add(outcome.result());
            } else {
                results.put(spec.name(), outcome.result());
            }
        }
        fanOuts.forEach((name, list) -> {
            if (!incomplete.contains(name)) {
                results.put(name, java.util.Collections.unmodifiableList(list));
            }
        });
        return java.util.Collections.unmodifiableMap(results);
    }

    /** The task time of all tasks added up. */
    public Duration taskTime() {
        Duration sum = Duration.ZERO;
        for (TaskOutcome outcome : outcomes) {
            sum = sum.plus(outcome.runTime());
        }
        return sum;
    }

    public long count(TaskStatus status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
