package io.jobrun.bench;

import io.jobrun.futures.Future;
import io.jobrun.futures.MapIterator;
import io.jobrun.futures.MapOptions;
import io.jobrun.futures.process.ProcessPoolExecutor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The process pool's figures beside the targets of issue 3, printed in one run: start-up to the first result,
 * tiny-task throughput at chunksize 1 and 1,000, and the speed-up of CPU-bound work over serial.
 *
 * <p>Self-contained: {@code io.jobrun.bench.Bench} calls {@link #run(PrintStream, boolean)}, and {@link #main}
 * runs it alone ({@code --quick} for smaller counts).
 */
public final class ProcessPoolBenchmarks {
    private static final double TARGET_FIRST_RESULT_MS = 150;
    private static final double TARGET_CHUNK1_PER_S = 16_000;
    private static final double CPYTHON_CHUNK1_PER_S = 7_900;
    private static final double TARGET_CHUNK1000_PER_S = 2_200_000;
    private static final double TARGET_SPEEDUP = 1.8;
    private static final int PRIME_LIMIT = 5_000_000;
    private static final int PRIME_TASKS = 4;

    private ProcessPoolBenchmarks() {
    }

    public static void main(String[] args) {
        run(System.out, Arrays.asList(args).contains("--quick"));
    }

    /** Runs every workload and prints one line per figure: measured, target, ratio. */
    public static void run(PrintStream out, boolean quick) {
        int workers = 2;
        ProcessPoolExecutor.Options options = ProcessPoolExecutor.options().maxWorkers(workers);
        boolean cached = ProcessPoolExecutor.prepareStartupCache(options);
        boolean fastCached = ProcessPoolExecutor.prepareStartupCache(options.fastStart(true));
        out.printf(Locale.ROOT, "process pool (%d workers, %d processors, Java %s, AOT cache %s)%n", workers,
                Runtime.getRuntime().availableProcessors(), Runtime.version(),
                cached && fastCached ? "in use" : "not available");

        double cold = firstResultMillis(options);
        double warm = median(quick ? 3 : 7, () -> firstResultMillis(options));
        double fast = median(quick ? 3 : 7, () -> firstResultMillis(options.fastStart(true)));
        double noCache = median(quick ? 3 : 5, () -> firstResultMillis(options.startupCache(false)));
        line(out, "first result, first pool in this JVM", cold, "ms", TARGET_FIRST_RESULT_MS, false);
        line(out, "first result, fresh pool (median)", warm, "ms", TARGET_FIRST_RESULT_MS, false);
        line(out, "first result, fresh pool, fastStart (C1)", fast, "ms", TARGET_FIRST_RESULT_MS, false);
        line(out, "first result, fresh pool, no AOT cache", noCache, "ms", TARGET_FIRST_RESULT_MS, false);

        // NOTE: before the tiny-task runs, whose millions of dead futures keep this JVM's GC busy on the same cores.
        long serialStart = System.nanoTime();
        for (int i = 0; i < PRIME_TASKS; i++) {
            countPrimes(PRIME_LIMIT);
        }
        double serial = (System.nanoTime() - serialStart) / 1e9;
        double parallel;
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(options)) {
            pool.map(ProcessPoolBenchmarks::echo, List.of(1, 2)).forEachRemaining(x -> { }); // both workers up
            long start = System.nanoTime();
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < PRIME_TASKS; i++) {
                futures.add(pool.submit(() -> countPrimes(PRIME_LIMIT)));
            }
            futures.forEach(Future::result);
            parallel = (System.nanoTime() - start) / 1e9;
        }
        out.printf(Locale.ROOT, "  serial %.2f s, pool %.2f s%n", serial, parallel);
        line(out, "CPU-bound 4 x primes(5,000,000) speed-up", serial / parallel, "x", TARGET_SPEEDUP, true);
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(options)) {
            tinyTasksPerSecond(pool, 20_000, 1); // warm-up: start both workers, JIT the paths
            double chunk1 = tinyTasksPerSecond(pool, quick ? 50_000 : 200_000, 1);
            line(out, "tiny tasks, chunksize 1", chunk1, "tasks/s", TARGET_CHUNK1_PER_S, true);
            line(out, "  vs CPython ProcessPoolExecutor", chunk1, "tasks/s", CPYTHON_CHUNK1_PER_S, true);
            for (int i = 0; i < (quick ? 2 : 4); i++) {
                tinyTasksPerSecond(pool, 4_000_000, 1000); // warm-up: the workers' loops need C2 to keep up
            }
            double chunk1000 = tinyTasksPerSecond(pool, quick ? 4_000_000 : 10_000_000, 1000);
            line(out, "tiny tasks, chunksize 1000", chunk1000, "tasks/s", TARGET_CHUNK1000_PER_S, true);
        }

    }

    private static double firstResultMillis(ProcessPoolExecutor.Options options) {
        long start = System.nanoTime();
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(options)) {
            pool.submit(() -> 1).result();
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static double tinyTasksPerSecond(ProcessPoolExecutor pool, int count, int chunksize) {
        long start = System.nanoTime();
        long sum = 0;
        try (MapIterator<Integer> results = pool.map(ProcessPoolBenchmarks::echo,
                () -> IntStream.range(0, count).iterator(), MapOptions.defaults().chunksize(chunksize))) {
            while (results.hasNext()) {
                sum += results.next();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sum != (long) count * (count - 1) / 2) {
            throw new IllegalStateException("wrong results: sum " + sum);
        }
        return count / seconds;
    }

    private static Integer echo(Integer x) {
        return x;
    }

    /** Counts primes below {@code limit} by trial division: CPU only, no allocation. */
    static int countPrimes(int limit) {
        int count = 0;
        for (int n = 2; n < limit; n++) {
            boolean prime = true;
            for (int d = 2; (long) d * d <= n; d++) {
                if (n % d == 0) {
                    prime = false;
                    break;
                }
            }
            count += prime ? 1 : 0;
        }
        return count;
    }

    private static double median(int runs, java.util.function.DoubleSupplier measure) {
        double[] values = new double[runs];
        for (int i = 0; i < runs; i++) {
            values[i] = measure.getAsDouble();
        }
        Arrays.sort(values);
        return values[runs / 2];
    }

    private static void line(PrintStream out, String name, double value, String unit, double target,
                             boolean higherIsBetter) {
        double ratio = higherIsBetter ? value / target : target / value;
        out.printf(Locale.ROOT, "%-44s %14s %-8s target %12s  ratio %.2f %s%n", name, format(value), unit,
                format(target), ratio, ratio >= 1 ? "ok" : "MISSED");
    }

    private static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
