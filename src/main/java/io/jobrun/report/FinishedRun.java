package io.jobrun.report;

import io.jobrun.run.RunResult;
import io.jobrun.run.StopCause;
import io.jobrun.run.TaskStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One run as the report files see it once it is over: built from its events alone (the start, the finished tasks,
 * the warnings and the end), so that every format writes the same facts.
 *
 * <p>Its tasks are made when a format first asks for them ({@link #tasks()}); a format that wrote them as they finished
 * needs only the counts, which are kept as they finish.
 */
final class FinishedRun {
    private final RunStart start;
    private final RunResult result;
    private final long endedAt;
    private final List<String> warnings;
    private final Map<TaskStatus, Integer> counts;
    private final List<Folded> folded;
    private final Supplier<List<ReportedTask>> taskMaker;
    private List<ReportedTask> tasks;
    /** {@link RunResult#getOk()}, asked once: it goes over every task, and a format asks it again for the exit code. */
    private Boolean ok;

    /**
     * @param endedAt  when it ended, on the run's ticker
     * @param warnings callbacks that threw and report listeners that failed, one line each, secrets masked
     * @param counts   how many task instances ended with each status
     * @param folded   the items of large fan-outs that simply succeeded, for a format that folds them
     * @param tasks    makes one per task instance, in the summary's order
     */
    FinishedRun(RunStart start, RunResult result, long endedAt, List<String> warnings, Map<TaskStatus, Integer> counts,
                List<Folded> folded, Supplier<List<ReportedTask>> tasks) {
        this.start = start;
        this.result = result;
        this.endedAt = endedAt;
        this.warnings = List.copyOf(warnings);
        this.counts = new EnumMap<>(TaskStatus.class);
        this.counts.putAll(counts);
        for (TaskStatus status : TaskStatus.values()) {
            if (status != TaskStatus.LOST) { // an attempt's status only, never a task's
                this.counts.putIfAbsent(status, 0);
            }
        }
        this.folded = List.copyOf(folded);
        this.taskMaker = tasks;
    }

    /** The folds of a format that folds ({@link ReportFormat#folds()}); none for the others. */
    List<Folded> folded() {
        return folded;
    }

    /** The entries a format that folds writes: an entry per task instance not folded, and one per fold. */
    int entries() {
        int folds = 0;
        for (Folded fold : folded) {
            folds += fold.count();
        }
        return total() - folds + folded.size();
    }

    /** Whether the run succeeded: {@link RunResult#getOk()}. */
    boolean ok() {
        if (ok == null) {
            ok = onlySuccesses() ? !result.interrupted() && !result.timedOut() && result.warnings().isEmpty()
                    : result.getOk();
        }
        return ok;
    }

    /**
     * Whether the counts cover every task and hold only successes (and tasks not selected): then no task fails the
     * run, which is known without going over 100,000 tasks once more.
     */
    private boolean onlySuccesses() {
        int counted = 0;
        for (Map.Entry<TaskStatus, Integer> count : counts.entrySet()) {
            counted += count.getValue();
            if (count.getValue() > 0 && !count.getKey().succeeded() && count.getKey() != TaskStatus.NOT_SELECTED) {
                return false;
            }
        }
        return counted == result.outcomes().size();
    }

    /** The run's exit code: {@link RunResult#exitCode()}. */
    int exitCode() {
        return result.interrupted() ? result.exitCode() : ok() ? 0 : 1;
    }

    RunStart start() {
        return start;
    }

    RunResult result() {
        return result;
    }

    long endedAt() {
        return endedAt;
    }

    List<String> warnings() {
        return warnings;
    }

    /** One per task instance, in the summary's order. */
    List<ReportedTask> tasks() {
        if (tasks == null) {
            tasks = List.copyOf(taskMaker.get());
        }
        return tasks;
    }

    /** How many task instances there are. */
    int total() {
        return result.outcomes().size();
    }

    String file() {
        return start.file();
    }

    io.jobrun.run.RunIdentity identity() {
        return start.identity();
    }

    Instant startedWall() {
        return start.wallClock();
    }

    Instant endedWall() {
        return start.wall(endedAt);
    }

    long startedAt() {
        return start.startedAt();
    }

    double sinceStart(long at) {
        return start.sinceStart(at);
    }

    /** The run's wall time as the summary prints it: from its first submission to its end. */
    double wallMillis() {
        return result.wallTime().toNanos() / 1e6;
    }

    /** How many task instances ended with each status, every status present (zero when none did). */
    Map<TaskStatus, Integer> counts() {
        return counts;
    }

    /** The parameters in force, sorted by name, as the run's events give them: secrets masked. */
    Map<String, String> params() {
        return new LinkedHashMap<>(new TreeMap<>(result.job().params()));
    }

    /** "interrupted", "job-timeout", "first-failure", ... why the run ended early, or null when it ran to its end. */
    String stopCause() {
        StopCause cause = result.stopCause();
        return cause == null ? null : cause.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
