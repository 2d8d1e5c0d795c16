package io.jobrun.report;

import io.jobrun.run.AttemptRecord;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import java.util.Arrays;

/**
 * The items of one fan-out that simply succeeded (ok or cached, at the first attempt), past its first
 * {@link #ITEMIZED}: the JSON report, the JUnit XML and the trace write them as one entry with their count and times
 * (total, min, median, max), as the console's summary does, instead of an entry each. An item that failed, timed out,
 * was retried or skipped always has an entry of its own, and so does every item of a fan-out of up to
 * {@link #ITEMIZED} items.
 *
 * <p>Why: at 100,000 trivial items an entry each made 100 MB of files that cost twice the run's own time to write,
 * for rows that say "ok" 100,000 times; CI systems show failures per test case and passes as counts.
 */
final class Folded {
    /** Each fan-out's items up to this index have an entry each, whatever their status. */
    static final int ITEMIZED = 1_000;

    private final TaskInstance first;
    private final String spec;
    private final TaskStatus status;
    private int count;
    private final Middle runNanos = new Middle();
    private long totalRunNanos;
    private long queueNanos;
    private long firstSubmitted = Long.MAX_VALUE;
    private long lastEnded = Long.MIN_VALUE;
    private int firstItem = Integer.MAX_VALUE;
    private int lastItem = Integer.MIN_VALUE;
    private long minRunNanos = Long.MAX_VALUE;
    private long maxRunNanos = Long.MIN_VALUE;
    /** The median of {@link #runNanos}, once asked; -1 before. */
    private long median = -1;

    /** @param spec the fan-out's name */
    Folded(TaskInstance first, String spec, TaskStatus status) {
        this.first = first;
        this.spec = spec;
        this.status = status;
    }

    /** Whether {@code outcome} goes into its fan-out's fold rather than an entry of its own. */
    static boolean folds(TaskOutcome outcome) {
        TaskInstance task = outcome.task();
        return !task.submitted() && task.id().item() >= ITEMIZED
                && (outcome.status() == TaskStatus.OK || outcome.status() == TaskStatus.CACHED)
                && outcome.history().size() <= 1 && outcome.error() == null;
    }

    /** The key of the fold {@code outcome} goes into: its fan-out and its status. */
    static String key(TaskOutcome outcome) {
        return outcome.task().id().spec() + '\n' + outcome.status().name();
    }

    /** Whether {@code outcome}, which {@link #folds folds}, goes into this fold: its {@link #key} is this one's. */
    boolean holds(TaskOutcome outcome) {
        return status == outcome.status() && spec.equals(outcome.task().id().spec());
    }

    /** Adds an item that finished at {@code finishedAt} (which dates one that had no attempt: cached). */
    void add(TaskOutcome outcome, long finishedAt) {
        AttemptRecord attempt = outcome.history().isEmpty() ? null : outcome.history().get(0);
        long run = outcome.runNanos();
        runNanos.add(run);
        count++;
        median = -1;
        totalRunNanos += run;
        minRunNanos = Math.min(minRunNanos, run);
        maxRunNanos = Math.max(maxRunNanos, run);
        queueNanos += attempt == null ? 0 : ReportedTask.waited(attempt);
        firstSubmitted = Math.min(firstSubmitted, attempt == null ? finishedAt : attempt.submitted());
        lastEnded = Math.max(lastEnded, attempt == null ? finishedAt : attempt.ended());
        int item = outcome.task().id().item();
        firstItem = Math.min(firstItem, item);
        lastItem = Math.max(lastItem, item);
    }

    /** The fan-out's name. */
    String spec() {
        return spec;
    }

    /** "analyze (99,000 more items ok, folded)": its name where a test case or a trace line names one. */
    String label() {
        return spec + " (" + count + " more items " + ReportedTask.word(status) + ", folded)";
    }

    TaskStatus status() {
        return status;
    }

    int count() {
        return count;
    }

    /** The lowest and highest item index folded. */
    int firstItem() {
        return firstItem;
    }

    int lastItem() {
        return lastItem;
    }

    String executor() {
        return first.executor();
    }

    /** "jobs/etl.groovy:12": where the fan-out is defined. */
    String definedAt() {
        return first.position().toString();
    }

    int line() {
        return first.position().line();
    }

    /** When the first of its items was submitted, and the last ended, on the run's ticker. */
    long firstSubmitted() {
        return firstSubmitted;
    }

    long lastEnded() {
        return lastEnded;
    }

    long totalRunNanos() {
        return totalRunNanos;
    }

    long queueNanos() {
        return queueNanos;
    }

    long minRunNanos() {
        return minRunNanos;
    }

    /**
     * The run time in the middle: the one at index count / 2 of them sorted. Worked out once, by the first of the run's
     * files that asks (they finish at the same time, and share their folds: {@link RunFolds}).
     */
    synchronized long medianRunNanos() {
        if (median < 0) {
            median = runNanos.middle();
        }
        return median;
    }

    long maxRunNanos() {
        return maxRunNanos;
    }

    /**
     * Puts at index {@code k} of {@code values[0, count)} the value a sort would put there, the smaller ones before it
     * and the larger after (quickselect: Hoare's partition around a median of three). Why not a sort: the JSON
     * report and the JUnit XML each sorted 100,000 times at the end of the run, for one value.
     */
    static void select(long[] values, int count, int k) {
        int low = 0;
        int high = count - 1;
        int rounds = 0;
        while (high > low) {
            if (++rounds > 64) {
                Arrays.sort(values, low, high + 1); // NOTE: input that defeats the pivots; a sort bounds the time
                return;
            }
            long pivot = medianOf(values[low], values[(low + high) >>> 1], values[high]);
            int i = low;
            int j = high;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long swapped = values[i];
                    values[i++] = values[j];
                    values[j--] = swapped;
                }
            }
            if (k <= j) {
                high = j;
            } else if (k >= i) {
                low = i;
            } else {
                return; // between the two parts: equal to the pivot, in place
            }
        }
    }

    private static long medianOf(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
