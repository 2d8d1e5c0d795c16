package io.jobrun.bench;

import io.jobrun.futures.Future;
import io.jobrun.futures.Futures;
import io.jobrun.futures.MapIterator;
import io.jobrun.futures.ThreadPoolExecutor;
import io.jobrun.futures.VirtualThreadExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * The core pools against the JDK's own executors, each workload in the same JVM with the same number of threads:
 * (a) submit + result of trivial tasks, (b) map, (c) asCompleted over done futures, (d) many sleeping tasks on
 * virtual threads.
 */
final class CoreBenchmarks {
    private final Report report;
    private final Measure measure;
    private final int tasks;
    private final int sleepers;
    /** The inputs of (a) and (b): 0 .. tasks-1, boxed once, outside every timed run. */
    private final List<Integer> items;
    private final int threads = Runtime.getRuntime().availableProcessors();

    CoreBenchmarks(Report report, boolean quick) {
        this.report = report;
        this.measure = quick ? new Measure(1, 1) : new Measure(5, 7);
        this.tasks = quick ? 2_000 : 100_000;
        this.sleepers = quick ? 200 : 10_000;
        this.items = IntStream.range(0, tasks).boxed().toList();
    }

    void run() throws Exception {
        report.section("Core pools (" + threads + " threads; baseline: the JDK's java.util.concurrent)");
        submitAndResult();
        map();
        asCompleted();
        sleepingOnVirtualThreads();
    }

    private void submitAndResult() throws Exception {
        Measure.Pair times;
        ExecutorService jdkPool = Executors.newFixedThreadPool(threads);
        try (var pool = new ThreadPoolExecutor(threads)) {
            times = measure.compare(() -> {
                List<Future<Integer>> futures = new ArrayList<>(tasks);
                for (int n : items) {
                    futures.add(pool.submit(() -> n + 1));
                }
                long sum = 0;
                for (Future<Integer> future : futures) {
                    sum += future.result();
                }
                return sum;
            }, () -> jdkSubmitAll(jdkPool, items, n -> n + 1));
        } finally {
            jdkPool.shutdown();
        }
        report.row("(a) submit + result, " + tasks + " tasks", Report.perItem(times.ours(), tasks),
                Report.perItem(times.baseline(), tasks), times.ratio(), "<= 1.5x JDK", times.ratio() <= 1.5);
    }

    private void map() throws Exception {
        Measure.Pair times;
        ExecutorService jdkPool = Executors.newFixedThreadPool(threads);
        try (var pool = new ThreadPoolExecutor(threads)) {
            times = measure.compare(() -> {
                long sum = 0;
                try (MapIterator<Integer> results = pool.map(n -> n * 2, items)) {
                    for (int value : results) {
                        sum += value;
                    }
                }
                return sum;
            }, () -> jdkSubmitAll(jdkPool, items, n -> n * 2));
        } finally {
            jdkPool.shutdown();
        }
        report.row("(b) map over " + tasks + " items", Report.perItem(times.ours(), tasks),
                Report.perItem(times.baseline(), tasks), times.ratio(), "<= 1.5x JDK", times.ratio() <= 1.5);
    }

    /**
     * The JDK's way to do (a) and (b): it has no map, so a Java programmer submits each item and reads the futures
     * in order. The items are made before the clock starts, as ours are.
     */
    private static long jdkSubmitAll(ExecutorService pool, List<Integer> items, IntUnaryOperator work)
            throws Exception {
        List<java.util.concurrent.Future<Integer>> futures = new ArrayList<>(items.size());
        for (int n : items) {
            futures.add(pool.submit(() -> work.applyAsInt(n)));
        }
        long sum = 0;
        for (java.util.concurrent.Future<Integer> future : futures) {
            sum += future.get();
        }
        return sum;
    }

    private void asCompleted() throws Exception {
        long jdk = completionServiceOverDone(tasks);
        long atFull = asCompletedOverDone(tasks);
        report.row("(c) asCompleted, " + tasks + " done futures", Report.perItem(atFull, tasks),
                Report.perItem(jdk, tasks), (double) atFull / jdk, "vs ExecutorCompletionService", true);
        // Linear means a constant cost per future: compare it across sizes rather than trusting one doubling.
        double cheapest = Double.MAX_VALUE;
        double dearest = 0;
        StringBuilder costs = new StringBuilder();
        for (int size = tasks / 4; size <= tasks * 2; size *= 2) {
            double perFuture = asCompletedOverDone(size) / (double) size;
            cheapest = Math.min(cheapest, perFuture);
            dearest = Math.max(dearest, perFuture);
            costs.append(String.format(java.util.Locale.ROOT, "%s%d: %.0f ns", costs.isEmpty() ? "" : ", ", size,
                    perFuture));
        }
        double spread = dearest / cheapest;
        report.row("    cost per future from " + tasks / 4 + " to " + tasks * 2, String.format(java.util.Locale.ROOT,
                "%.0f ns", cheapest), String.format(java.util.Locale.ROOT, "%.0f ns", dearest), spread,
                "spread < 2x = linear", spread < 2);
        report.note("    (" + costs + ")");
    }

    private long asCompletedOverDone(int count) throws Exception {
        List<Future<Integer>> done = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            done.add(Future.successful(i));
        }
        return measure.medianNanos(() -> {
            long sum = 0;
            for (Future<Integer> future : Futures.asCompleted(done)) {
                sum += future.result();
            }
            return sum;
        });
    }

    private long completionServiceOverDone(int count) throws Exception {
        ExecutorService jdkPool = Executors.newFixedThreadPool(threads);
        try {
            return measure.medianNanos(() -> {
                var service = new ExecutorCompletionService<Integer>(jdkPool);
                for (int i = 0; i < count; i++) {
                    int n = i;
                    service.submit(() -> n);
                }
                long sum = 0;
                for (int i = 0; i < count; i++) {
                    sum += service.take().get();
                }
                return sum;
            });
        } finally {
            jdkPool.shutdown();
        }
    }

    private void sleepingOnVirtualThreads() throws Exception {
        long sleepMillis = 100;
        Measure.Pair times;
        try (var pool = new VirtualThreadExecutor(sleepers);
             ExecutorService jdkPool = Executors.newVirtualThreadPerTaskExecutor()) {
            times = measure.compare(() -> {
                List<Future<Integer>> futures = new ArrayList<>(sleepers);
                for (int i = 0; i < sleepers; i++) {
                    futures.add(pool.submit(() -> {
                        Thread.sleep(sleepMillis);
                        return 1;
                    }));
                }
                return Futures.wait(futures).done().size();
            }, () -> {
                List<java.util.concurrent.Future<Integer>> futures = new ArrayList<>(sleepers);
                for (int i = 0; i < sleepers; i++) {
                    futures.add(jdkPool.submit(() -> {
                        Thread.sleep(sleepMillis);
                        return 1;
                    }));
                }
                int done = 0;
                for (java.util.concurrent.Future<Integer> future : futures) {
                    done += future.get();
                }
                return done;
            });
        }
        double ofSleep = times.ours() / (sleepMillis * 1e6);
        report.row("(d) " + sleepers + " x sleep(100 ms), virtual threads", Report.millis(times.ours()),
                Report.millis(times.baseline()), times.ratio(),
                "wall < 3x sleep: " + String.format(java.util.Locale.ROOT, "%.2fx", ofSleep), ofSleep < 3);
    }
}
