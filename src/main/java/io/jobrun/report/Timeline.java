package io.jobrun.report;

import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.TaskSpec;
import io.jobrun.run.TaskStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the timeline draws, decided before any drawing: task instances grouped by executor and then by the worker
 * that ran them, one row per instance, except that many instances of one fan-out on one worker become a band (a row
 * showing how many of them ran at each moment), so a 100,000-item run stays a page of rows. A failed instance is
 * never folded into a band while there is room for its own row ({@link #FAILURE_ROWS}), so failures stay visible.
 *
 * <p>Laid out as the instances finish ({@link #add}, into a {@link TimelineLane} per task, worker and executor), so
 * that the end of the run ({@link #groups}) orders a few lanes and sums their bands' buckets rather than gathering
 * 100,000 instances; the rows are the same whatever order the instances finish in: that of the run's result.
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
     * @param count    how many instances it stands for
     * @param running  per bucket, the mean number of its instances running during that bucket
     * @param failing  the same for those that failed, timed out or leaked
     * @param failed   how many of them failed, timed out or leaked
     * @param from     when the first of them was submitted, on the run's ticker
     * @param to       when the last of them ended
     * @param runNanos the time they ran, added up
     * @param statuses how many ended with each status
     */
    record Band(String spec, int count, double[] running, double[] failing, int failed, long from, long to,
                long runNanos, Map<TaskStatus, Integer> statuses) implements Row {
    }

    /** The lanes by executor, then worker, then task. */
    private final Map<String, Map<String, Map<String, TimelineLane>>> lanes = new HashMap<>();
    /** The lanes the last few instances went into: a fan-out's items finish in turns on a few workers. */
    private final TimelineLane[] recent = new TimelineLane[8];
    private int nextRecent;
    private int instances;

    /** The groups of {@code run}, laid out from its tasks at once. */
    static List<Group> layout(FinishedRun run) {
        Timeline timeline = new Timeline();
        for (ReportedTask task : run.tasks()) {
            timeline.add(task);
        }
        return timeline.groups(run);
    }

    /** An instance reached its final status. */
    void add(ReportedTask task) {
        String executor = task.instance().executor();
        String worker = task.worker() == null ? NOT_STARTED : task.worker();
        String spec = task.spec();
        TimelineLane lane = null;
        for (TimelineLane candidate : recent) {
            if (candidate != null && candidate.holds(executor, worker, spec)) {
                lane = candidate;
                break;
            }
        }
        if (lane == null) {
            lane = lanes.computeIfAbsent(executor, e -> new HashMap<>()).computeIfAbsent(worker, w -> new HashMap<>())
                    .computeIfAbsent(spec, s -> new TimelineLane(executor, worker, s));
            recent[nextRecent] = lane;
            nextRecent = (nextRecent + 1) % recent.length;
        }
        lane.add(task);
        instances++;
    }

    /** How many instances were added. */
    int added() {
        return instances;
    }

    /** The groups of the instances added, executors in their declared order and workers by name. */
    List<Group> groups(FinishedRun run) {
        Map<String, Integer> specOrder = new HashMap<>();
        for (TaskSpec spec : run.result().job().tasks()) {
            specOrder.putIfAbsent(spec.name(), specOrder.size());
        }
        Comparator<TimelineLane> byFirstInstance = TimelineLane.byFirstInstance(specOrder);
        Map<String, String> describe = new LinkedHashMap<>();
        for (ExecutorSpec executor : run.start().executors()) {
            describe.put(executor.name(), executor.describe());
        }
        List<String> executors = new ArrayList<>(describe.keySet());
        // NOTE: an executor the job does not declare (a pool that code made) comes after, where its first instance is.
        Map<String, TimelineLane> undeclared = new HashMap<>();
        lanes.forEach((executor, workers) -> {
            if (!describe.containsKey(executor)) {
                undeclared.put(executor, Collections.min(workers.values().stream()
                        .flatMap(tasks -> tasks.values().stream()).toList(), byFirstInstance));
            }
        });
        undeclared.entrySet().stream().sorted(Map.Entry.comparingByValue(byFirstInstance))
                .forEach(first -> executors.add(first.getKey()));
        int[] failureRows = {FAILURE_ROWS};
        List<Group> groups = new ArrayList<>();
        for (String executor : executors) {
            Map<String, Map<String, TimelineLane>> workers = lanes.getOrDefault(executor, Map.of());
            List<String> names = new ArrayList<>(workers.keySet());
            names.sort(Comparator.comparing(Timeline::workerOrder));
            for (String worker : names) {
                List<TimelineLane> tasks = new ArrayList<>(workers.get(worker).values());
                tasks.sort(byFirstInstance);
                List<Row> bars = new ArrayList<>();
                List<Row> bands = new ArrayList<>();
                for (TimelineLane lane : tasks) {
                    lane.layOut(run, failureRows, bars, bands);
                }
                bars.sort(Comparator.comparingLong(row -> ((Bar) row).task().submitted()));
                List<Row> rows = new ArrayList<>(bands);
                rows.addAll(bars);
                groups.add(new Group(executor, describe.getOrDefault(executor, ""), worker, rows));
            }
        }
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

    /** How many instances the groups draw: bars plus the instances of bands. Every instance exactly once. */
    static int instances(List<Group> groups) {
        int count = 0;
        for (Group group : groups) {
            for (Row row : group.rows()) {
                count += row instanceof Band band ? band.count() : 1;
            }
        }
        return count;
    }
}
