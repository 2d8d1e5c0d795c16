package io.jobrun.report;

import io.jobrun.run.AttemptRecord;
import io.jobrun.run.TaskStatus;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Instances finish in any order, but a band's buckets are sums of floating-point shares, which depend on the
 * order they are added in; so each instance carries its place in the run's result ({@link #order}), and the end adds
 * them up in that order, as a layout of the finished run would.
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
    /** The band's instances that did not fail: their places, and where their started attempts begin in the arrays. */
    private final LongBlocks order = new LongBlocks();
    private final LongBlocks firstAttempt = new LongBlocks();
    /** Whether they came in the order of the run's result, as a worker's instances mostly do. */
    private boolean inOrder = true;
    /** Their attempts that started: when, and until when. */
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
            addToBand(task, order); // NOTE: nearly every instance of a large fan-out, without an object to keep
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
            addToBand(instance.task(), instance.order());
        }
    }

    private void addToBand(ReportedTask task, long place) {
        inOrder &= order.size() == 0 || place > order.last();
        order.add(place);
        firstAttempt.add(started.size());
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
        if (order.size() + folded.size() > 0) {
            bands.add(band(run, folded));
        }
    }

    /** The band of the instances that did not fail and of the failed ones {@code folded} into it. */
    private Timeline.Band band(FinishedRun run, List<ReportedTask> folded) {
        double[] running = new double[Timeline.BUCKETS];
        double[] failing = new double[Timeline.BUCKETS];
        double width = Math.max(1e-9, (run.endedAt() - run.startedAt()) / (double) Timeline.BUCKETS);
        long origin = run.startedAt();
        for (int member : inResultOrder()) {
            int last = member + 1 < order.size() ? (int) firstAttempt.get(member + 1) : started.size();
            for (int i = (int) firstAttempt.get(member); i < last; i++) {
                spread(started.get(i) - origin, ended.get(i) - origin, width, running);
            }
        }
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
                    spread(attempt.started() - origin, attempt.ended() - origin, width, failing);
                }
            }
        }
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            if (bandStatuses[status.ordinal()] > 0) {
                counts.put(status, bandStatuses[status.ordinal()]);
            }
        }
        return new Timeline.Band(spec, order.size() + folded.size(), running, failing, folded.size(), bandFrom, bandTo,
                bandRunNanos, counts);
    }

    /** The band's members in the order of the run's result. */
    private int[] inResultOrder() {
        int[] members = new int[order.size()];
        for (int i = 0; i < members.length; i++) {
            members[i] = i;
        }
        if (!inOrder) {
            Integer[] boxed = Arrays.stream(members).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, Comparator.comparingLong(order::get));
            for (int i = 0; i < members.length; i++) {
                members[i] = boxed[i];
            }
        }
        return members;
    }

    /** Adds the share of each bucket that [from, to) covers, so a bucket's value is the mean number running in it. */
    private static void spread(long from, long to, double width, double[] buckets) {
        double start = Math.max(0, from / width);
        double end = Math.min(Timeline.BUCKETS, Math.max(start, to / width));
        int first = (int) Math.min(Timeline.BUCKETS - 1, Math.floor(start));
        int last = (int) Math.min(Timeline.BUCKETS - 1, Math.floor(end));
        if (first == last) {
            // NOTE: an attempt shorter than a bucket still shows: at least a thousandth of one.
            buckets[first] += Math.max(end - start, 1e-3);
            return;
        }
        buckets[first] += first + 1 - start;
        for (int i = first + 1; i < last; i++) {
            buckets[i] += 1;
        }
        buckets[last] += end - last;
    }
}
