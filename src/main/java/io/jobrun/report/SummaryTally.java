package io.jobrun.report;

import io.jobrun.job.TaskSpec;
import io.jobrun.run.AttemptRecord;
import io.jobrun.run.RunResult;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import java.util.List;

/**
 * What the summary must know of every task of a run, counted as each task finishes: how many ended with each status
 * (and of those, how many were optional), their run times added up, and whether any had script access beyond the
 * sandbox, an attempt lost with a member, or a failure, which the summary then looks for among the outcomes.
 *
 * <p>Why as they finish: the listeners' thread waits for the next batch of events most of a run, while after the last
 * task the run waits for the summary. Read from the outcomes at the end, these were five passes over 100,000 of them,
 * about 7 ms of a quiet run's 130, all after its last task.
 */
final class SummaryTally {
    private static final TaskStatus[] STATUSES = TaskStatus.values();

    private final int[] counts = new int[STATUSES.length];
    private final int[] optional = new int[STATUSES.length];
    private int tasks;
    private long runNanos;
    private boolean extraAccess;
    private boolean lostAttempt;
    /** The spec last looked at for extra access: the items of a fan-out, which share theirs, come in a row. */
    private TaskSpec lastSpec;
    /** Every spec some outcome is of: a fan-out missing here had no items. */
    private final java.util.Set<TaskSpec> specs = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    /** The tally of {@code outcomes}, counted at once. */
    static SummaryTally of(List<TaskOutcome> outcomes) {
        SummaryTally tally = new SummaryTally();
        for (TaskOutcome outcome : outcomes) {
            tally.add(outcome);
        }
        return tally;
    }

    void add(TaskOutcome outcome) {
        int status = outcome.status().ordinal();
        counts[status]++;
        if (outcome.task().optional()) {
            optional[status]++;
        }
        tasks++;
        List<AttemptRecord> history = outcome.history();
        for (int i = 0; i < history.size(); i++) {
            AttemptRecord attempt = history.get(i);
            runNanos += attempt.runNanos();
            lostAttempt |= attempt.status() == TaskStatus.LOST;
        }
        TaskSpec spec = outcome.task().spec();
        if (spec != lastSpec && spec != null) {
            lastSpec = spec;
            extraAccess |= SummaryReport.beyondTheSandbox(spec) != null;
            specs.add(spec);
        }
    }

    /** Whether this counted each of {@code result}'s outcomes: as many as it has (it was told of every one). */
    boolean counted(RunResult result) {
        return tasks == result.outcomes().size();
    }

    int count(TaskStatus status) {
        return counts[status.ordinal()];
    }

    /** How many optional tasks ended with {@code status}. */
    int optional(TaskStatus status) {
        return optional[status.ordinal()];
    }

    /** Every task's run time, added up. */
    long runNanos() {
        return runNanos;
    }

    boolean extraAccess() {
        return extraAccess;
    }

    /**
     * The fan-outs of {@code job} that had no items, so no row: a glob that matched no file, an empty list. Every other
     * task has a row, if only a skipped, cancelled or not-selected one.
     */
    List<TaskSpec> withoutItems(io.jobrun.job.Job job) {
        List<TaskSpec> empty = new java.util.ArrayList<>();
        for (TaskSpec spec : job.tasks()) {
            if (spec.fansOut() && !specs.contains(spec)) {
                empty.add(spec);
            }
        }
        return empty;
    }

    boolean lostAttempt() {
        return lostAttempt;
    }

    boolean failure() {
        for (TaskStatus status : STATUSES) {
            if (status.isFailure() && counts[status.ordinal()] > 0) {
                return true;
            }
        }
        return false;
    }
}
