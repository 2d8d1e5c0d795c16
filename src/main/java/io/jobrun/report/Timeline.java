package io.jobrun.report;

import io.jobrun.job.ExecutorSpec;
import io.jobrun.run.AttemptRecord;
import io.jobrun.run.TaskStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the timeline draws, decided before any drawing: task instances grouped by executor and then by the worker
 * that ran them, one row per instance, except that many instances of one fan-out on one worker become a band (a row
 * showing how many of them ran at each moment), so a 100,000-item run stays a page of rows. A failed instance is
 * never folded into a band while there is room for its own row ({@link #FAILURE_ROWS}), so failures stay visible.
 */
final class Timeline {
    /** More instances than this of one task on one worker are drawn as a band. */
    static final int BAND_OVER = 40;
    /** At most this many failed instances get a row of their own inside bands; the rest show in their band in red. */
    static final int FAILURE_ROWS = 2_000;
    /** A band's time axis is cut into this many buckets. */
    static final int BUCKETS = 240;
    /** The group of instances that never started. */
    static final String NOT_STARTED = "(not started)";

    /** One executor's worker and its rows. */
    record Group(String executor, String describe, String worker, List<Row> rows) {
    }

    /** A row: one instance ({@link Bar}) or many ({@link Band}). */
    sealed interface Row permits Bar, Band {
    }

    record Bar(ReportedTask task) implements Row {
    }

    /**
     * Instances of one task on one worker, drawn as how many ran at a time.
     *
     * @param running  per bucket, the mean number of its instances running during that bucket
     * @param failing  the same for those that failed, timed out or leaked
     * @param failed   how many of them failed, timed out or leaked
     * @param from     when the first of them was submitted, on the run's ticker
     * @param to       when the last of them ended
     * @param runNanos the time they ran, added up
     * @param statuses how many ended with each status
     */
    record Band(String spec, List<ReportedTask> tasks, double[] running, double[] failing, int failed, long from,
                long to, long runNanos, Map<TaskStatus, Integer> statuses) implements Row {
    }

    private Timeline() {
    }

    /** The groups of {@code run}, executors in their declared order and workers by name. */
    static List<Group> layout(FinishedRun run) {
        Map<String, Map<String, List<ReportedTask>>> byExecutor = new LinkedHashMap<>();
        Map<String, String> describe = new LinkedHashMap<>();
        for (ExecutorSpec executor : run.start().executors()) {
            byExecutor.put(executor.name(), new HashMap<>());
            describe.put(executor.name(), executor.describe());
        }
        for (ReportedTask task : run.tasks()) {
            String worker = task.worker() == null ? NOT_STARTED : task.worker();
            byExecutor.computeIfAbsent(task.instance().executor(), e -> new HashMap<>())
                    .computeIfAbsent(worker, w -> new ArrayList<>()).add(task);
        }
        int[] failureRows = {FAILURE_ROWS};
        List<Group> groups = new ArrayList<>();
        byExecutor.forEach((executor, workers) -> {
            List<String> names = new ArrayList<>(workers.keySet());
            names.sort(Comparator.comparing(Timeline::workerOrder));
            for (String worker : names) {
                groups.add(new Group(executor, describe.getOrDefault(executor, ""), worker,
                        rows(run, workers.get(worker), failureRows)));
            }
        });
        return groups;
    }

    /** Never-started last; "io_2" before "io_10". */
    private static String workerOrder(String worker) {
        if (worker.equals(NOT_STARTED)) {
            return "\uffff";
        }
        StringBuilder key = new StringBuilder();
        int i = 0;
        while (i < worker.length()) {
            char c = worker.charAt(i);
            if (Character.isDigit(c)) {
                int start = i;
                while (i < worker.length() && Character.isDigit(worker.charAt(i))) {
                    i++;
                }
                String digits = worker.substring(start, i);
                key.append((char) ('0' + Math.min(digits.length(), 40))).append(digits);
            } else {
                key.append(c);
                i++;
            }
        }
        return key.toString();
    }

    private static List<Row> rows(FinishedRun run, List<ReportedTask> tasks, int[] failureRows) {
        Map<String, List<ReportedTask>> bySpec = new LinkedHashMap<>();
        for (ReportedTask task : tasks) {
            bySpec.computeIfAbsent(task.instance().id().spec(), s -> new ArrayList<>()).add(task);
        }
        List<Row> bars = new ArrayList<>();
        List<Row> bands = new ArrayList<>();
        bySpec.forEach((spec, instances) -> {
            if (instances.size() <= BAND_OVER) {
                instances.forEach(task -> bars.add(new Bar(task)));
                return;
            }
            List<ReportedTask> folded = new ArrayList<>();
            for (ReportedTask task : instances) {
                if (task.status().isFailure() && failureRows[0] > 0) {
                    failureRows[0]--;
                    bars.add(new Bar(task));
                } else {
                    folded.add(task);
                }
            }
            if (!folded.isEmpty()) {
                bands.add(band(run, folded.get(0).spec(), folded));
            }
        });
        bars.sort(Comparator.comparingLong(row -> ((Bar) row).task().submitted()));
        List<Row> rows = new ArrayList<>(bands);
        rows.addAll(bars);
        return rows;
    }

    /** A band of {@code tasks}: its buckets and its figures, in one pass over them (100,000 at a time). */
    private static Band band(FinishedRun run, String spec, List<ReportedTask> tasks) {
        double[] running = new double[BUCKETS];
        double[] failing = new double[BUCKETS];
        double width = Math.max(1e-9, (run.endedAt() - run.startedAt()) / (double) BUCKETS);
        int failed = 0;
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        long runNanos = 0;
        int[] statuses = new int[TaskStatus.values().length];
        for (ReportedTask task : tasks) {
            boolean failure = task.status().isFailure();
            failed += failure ? 1 : 0;
            statuses[task.status().ordinal()]++;
            from = Math.min(from, task.submitted());
            to = Math.max(to, task.ended());
            double[] into = failure ? failing : running;
            for (AttemptRecord attempt : task.attempts()) {
                runNanos += attempt.runNanos();
                if (attempt.didStart()) {
                    spread(attempt.started() - run.startedAt(), attempt.ended() - run.startedAt(), width, into);
                }
            }
        }
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            if (statuses[status.ordinal()] > 0) {
                counts.put(status, statuses[status.ordinal()]);
            }
        }
        return new Band(spec, tasks, running, failing, failed, from, to, runNanos, counts);
    }

    /** Adds the share of each bucket that [from, to) covers, so a bucket's value is the mean number running in it. */
    private static void spread(long from, long to, double width, double[] buckets) {
        double start = Math.max(0, from / width);
        double end = Math.min(BUCKETS, Math.max(start, to / width));
        int first = (int) Math.min(BUCKETS - 1, Math.floor(start));
        int last = (int) Math.min(BUCKETS - 1, Math.floor(end));
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

    /** How many instances the groups draw: bars plus the instances of bands. Every instance exactly once. */
    static int instances(List<Group> groups) {
        int count = 0;
        for (Group group : groups) {
            for (Row row : group.rows()) {
                count += row instanceof Band band ? band.tasks().size() : 1;
            }
        }
        return count;
    }
}
