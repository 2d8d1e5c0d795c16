package io.jobrun.report;

import io.jobrun.run.RunEvent;
import io.jobrun.run.TaskOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's {@link Folded folds}, shared by its report files that fold: the JSON, JUnit and trace files fold the same
 * items the same way, so each finished task is folded once, by the first of those files it reaches, rather than once
 * per file (at 100,000 tasks the folding was most of their work per task).
 *
 * <p>How the files find it: a run's listeners are called on its one dispatcher thread, one event at a time, every
 * listener in turn, and all are given the same event objects. So the files of a run that are told its start on one
 * thread share the folds made for that start ({@link #of}), and a task that a second file hands over is the one the
 * first file folded just before. Files told of a run on threads of their own, given copies of its events, or given
 * them one file after another each get folds of their own, with the same result.
 */
final class RunFolds {
    /** The folds of the run last started on this thread. */
    private static final ThreadLocal<RunFolds> LAST = new ThreadLocal<>();

    private final RunEvent.JobStarted run;
    /** By {@link Folded#key}, in the order their first items finished. */
    private final Map<String, Folded> folds = new LinkedHashMap<>();
    /** The fold the last folded task went into: the items of a fan-out finish in a row, so it is mostly the next's. */
    private Folded last;
    /** The last task folded, which the other files hand over next. */
    private RunEvent.TaskFinished lastFolded;

    private RunFolds(RunEvent.JobStarted run) {
        this.run = run;
    }

    /**
     * The folds of the run that {@code started} starts, shared by the files told of it on this thread before any task
     * was folded; a file told later (the same events given again, one file after another) gets folds of its own.
     */
    static RunFolds of(RunEvent.JobStarted started) {
        RunFolds folds = LAST.get();
        if (folds == null || folds.run != started || folds.lastFolded != null) {
            folds = new RunFolds(started);
            LAST.set(folds);
        }
        return folds;
    }

    /**
     * Folds the task of {@code finished}, once however many files hand it over; false when it does not fold, and has
     * an entry of its own ({@link Folded#folds}).
     */
    boolean fold(RunEvent.TaskFinished finished) {
        TaskOutcome outcome = finished.outcome();
        if (!Folded.folds(outcome)) {
            return false;
        }
        if (finished == lastFolded) {
            return true;
        }
        lastFolded = finished;
        Folded fold = last;
        if (fold == null || !fold.holds(outcome)) {
            fold = folds.computeIfAbsent(Folded.key(outcome), key -> new Folded(outcome.task(),
                    outcome.task().id().spec(), outcome.status()));
            last = fold;
        }
        fold.add(outcome, finished.at());
        return true;
    }

    /** The folds so far. */
    List<Folded> all() {
        return List.copyOf(folds.values());
    }
}
