package io.jobrun.report;

import io.jobrun.run.AttemptRecord;
import io.jobrun.run.TaskStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The instances of one task on one worker of one executor, gathered as they finish, for the {@link Timeline}: the
 * first {@link Timeline#BAND_OVER} are kept whole, as each may be a bar of its own; past that the lane is a band,
 * and an instance that did not fail leaves only its figures and the instants of its attempts (arrays of numbers), so
 * that the end of a 100,000-instance run lays out a few lanes rather than 100,000 objects. A failed instance is kept
 * whole: whether it gets a bar depends on the failures before it in the whole timeline, known only at the end.
 *
 * <p>Instances finish in any order; a band's buckets add up the nanoseconds its attempts ran in each, whole numbers
 * whose sum is the same in any order, so the band is the same whatever order they finished in.
 */
final class TimelineLane {
    /** Work submitted from code comes after every declared instance in the run's result. */
    private static final long SUBMITTED = 1L << 40;

    final String executor;
    final String worker;
    final String spec;
    /** The lowest item index of its declared instances, and of the work submitted from code under its name. */
    private long firstDeclared = Long.MAX_VALUE;
    private long firstSubmitted = Long.MAX_VALUE;
    private int count;
    /** Every instance while there are at most {@link Timeline#BAND_OVER}; then the failed ones. */
    private final List<Kept> kept = new ArrayList<>();
    /** How many of the band's instances did not fail. */
    private int banded;
    /** The attempts that started of the band's instances that did not fail: when, and until when. */
    private final LongBlocks started = new LongBlocks();
    private final LongBlocks ended = new LongBlocks();
    private long from = Long.MAX_VALUE;
    private long to = Long.MIN_VALUE;
    private long runNanos;
    private final int[] statuses = new int[TaskStatus.values().length];

    /** An instance kept whole, with its place in the run's result. */
    private record Kept(ReportedTask task, long order) {
    }

    TimelineLane(String executor, String worker, String spec) {
        this.executor = executor;
        this.worker = worker;
        this.spec = spec;
    }

    boolean holds(String executor, String worker, String spec) {
        return this.spec.equals(spec) && this.worker.equals(worker) && this.executor.equals(executor);
    }

    /** How many instances it has. */
    int count() {
        return count;
    }

    void add(ReportedTask task) {
        long item = task.instance().id().item();
        boolean submitted = task.instance().submitted();
        if (submitted) {
            firstSubmitted = Math.min(firstSubmitted, item);
        } else {
            firstDeclared = Math.min(firstDeclared, item);
        }
        long order = submitted ? SUBMITTED + item : item + 1;
        count++;
        if (count > Timeline.BAND_OVER + 1 && !task.status().isFailure()) {
            addToBand(task); // NOTE: nearly every instance of a large fan-out, without an object to keep
            return;
        }
        Kept instance = new Kept(task, order);
        if (count <= Timeline.BAND_OVER) {
            kept.add(instance);
            return;
        }
        if (count == Timeline.BAND_OVER + 1) {
            List<Kept> before = new ArrayList<>(kept);
            kept.clear();
            before.forEach(this::place);
        }
        place(instance);
    }

    /** In a band: a failed instance is kept, another leaves its figures. */
    private void place(Kept instance) {
        if (instance.task().status().isFailure()) {
            kept.add(instance);
        } else {
            addToBand(instance.task());
        }
    }

    private void addToBand(ReportedTask task) {
        banded++;
        for (AttemptRecord attempt : task.attempts()) {
            runNanos += attempt.runNanos();
            if (attempt.didStart()) {
                started.add(attempt.started());
                ended.add(attempt.ended());
            }
        }
        from = Math.min(from, task.submitted());
        to = Math.max(to, task.ended());
        statuses[task.status().ordinal()]++;
    }

    /**
     * Where it comes among the lanes of its worker: where its first instance is in the run's result, whose declared
     * tasks come in the job's order ({@code specOrder}; one it does not name after those it names), items in their
     * order, then the work submitted from code in the order it was submitted.
     */
    static Comparator<TimelineLane> byFirstInstance(Map<String, Integer> specOrder) {
        return Comparator.<TimelineLane>comparingInt(lane -> lane.declared() ? 0 : 1)
                .thenComparingInt(lane -> lane.declared() ? specOrder.getOrDefault(lane.spec, Integer.MAX_VALUE) : 0)
                .thenComparing(lane -> lane.declared() ? lane.spec : "")
                .thenComparingLong(lane -> lane.declared() ? lane.firstDeclared : lane.firstSubmitted);
    }

    /** Whether it has instances the job file declares (besides, perhaps, work submitted from code under its name). */
    private boolean declared() {
        return firstDeclared != Long.MAX_VALUE;
    }

    /**
     * Its rows: a bar per instance when it has at most {@link Timeline#BAND_OVER}; else a bar per failed instance
     * while {@code failureRows} lasts, and a band of the others.
     */
    void layOut(FinishedRun run, int[] failureRows, List<Timeline.Row> bars, List<Timeline.Row> bands) {
        List<Kept> sorted = new ArrayList<>(kept);
        sorted.sort(Comparator.comparingLong(Kept::order));
        if (count <= Timeline.BAND_OVER) {
            sorted.forEach(instance -> bars.add(new Timeline.Bar(instance.task())));
            return;
        }
        List<ReportedTask> folded = new ArrayList<>();
        for (Kept instance : sorted) {
            if (failureRows[0] > 0) {
                failureRows[0]--;
                bars.add(new Timeline.Bar(instance.task()));
            } else {
                folded.add(instance.task());
            }
        }
        if (banded + folded.size() > 0) {
            bands.add(band(run, folded));
        }
    }

    /** The band of the instances that did not fail and of the failed ones {@code folded} into it. */
    private Timeline.Band band(FinishedRun run, List<ReportedTask> folded) {
        Buckets running = new Buckets(run.startedAt(), run.endedAt());
        for (int b = 0; b < started.blocks(); b++) {
            long[] from = started.block(b);
            long[] to = ended.block(b);
            int count = started.sizeOf(b);
            for (int i = 0; i < count; i++) {
                running.add(from[i], to[i]);
            }
        }
        Buckets failing = new Buckets(run.startedAt(), run.endedAt());
        long bandFrom = from;
        long bandTo = to;
        long bandRunNanos = runNanos;
        int[] bandStatuses = statuses.clone();
        for (ReportedTask task : folded) {
            bandStatuses[task.status().ordinal()]++;
            bandFrom = Math.min(bandFrom, task.submitted());
            bandTo = Math.max(bandTo, task.ended());
            for (AttemptRecord attempt : task.attempts()) {
                bandRunNanos += attempt.runNanos();
                if (attempt.didStart()) {
                    failing.add(attempt.started(), attempt.ended());
                }
            }
        }
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            if (bandStatuses[status.ordinal()] > 0) {
                counts.put(status, bandStatuses[status.ordinal()]);
            }
        }
        return new Timeline.Band(spec, banded + folded.size(), running.means(), failing.means(), folded.size(),
                bandFrom, bandTo, bandRunNanos, counts);
    }

    /**
     * A band's time axis, from the run's start to its end, cut into {@link Timeline#BUCKETS}: the nanoseconds that
     * attempts ran in each, added up, which {@link #means} turns into how many ran at a time on average.
     */
    private static final class Buckets {
        private final long origin;
        private final double width;
        private final long[] nanos = new long[Timeline.BUCKETS];
        /** An attempt shorter than this still shows: a thousandth of a bucket. */
        private final long least;
        /**
         * The bucket last found, and its edges: the attempts of a band come in about the order they ran, a few hundred
         * to a bucket at 100,000, so most are in the bucket of the one before, found with no division.
         */
        private int found;
        private long foundFrom = Long.MAX_VALUE;
        private long foundTo = Long.MIN_VALUE;

        Buckets(long from, long to) {
            origin = from;
            width = Math.max(1, to - from) / (double) Timeline.BUCKETS;
            least = Math.max(1, (long) (width / 1000));
        }

        /** Where bucket {@code index} starts. */
        private long edge(int index) {
            return origin + (long) (index * width);
        }

        /** The bucket between whose edges {@code instant} is; the first and last also take what is before and after. */
        private int bucket(long instant) {
            if (instant >= foundFrom && instant < foundTo) {
                return found;
            }
            int index = (int) Math.min(Timeline.BUCKETS - 1, Math.max(0, Math.floor((instant - origin) / width)));
            // NOTE: the division may miss by one right at an edge; the edges decide, as they do the time in each
            while (index < Timeline.BUCKETS - 1 && edge(index + 1) <= instant) {
                index++;
            }
            while (index > 0 && edge(index) > instant) {
                index--;
            }
            found = index;
            foundFrom = index == 0 ? Long.MIN_VALUE : edge(index);
            foundTo = index == Timeline.BUCKETS - 1 ? Long.MAX_VALUE : edge(index + 1);
            return index;
        }

        /** An attempt that ran from {@code from} to {@code to}. */
        void add(long from, long to) {
            int first = bucket(from);
            // NOTE: nearly every attempt of a large band ends in the bucket it started in
            int last = to < foundTo ? first : bucket(to);
            if (first == last) {
                nanos[first] += Math.max(to - from, least);
                return;
            }
            nanos[first] += Math.max(0, edge(first + 1) - Math.max(from, origin));
            for (int i = first + 1; i < last; i++) {
                nanos[i] += edge(i + 1) - edge(i);
            }
            nanos[last] += Math.max(0, Math.min(to, edge(last + 1)) - edge(last));
        }

        /** Per bucket, how many attempts ran at a time on average. */
        double[] means() {
            double[] means = new double[nanos.length];
            for (int i = 0; i < nanos.length; i++) {
                means[i] = nanos[i] / width;
            }
            return means;
        }
    }
}
