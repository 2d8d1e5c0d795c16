package io.jobrun.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.Callable;

/** Times workloads: a few warm-up runs, then the median of the measured runs. */
final class Measure {
    private final int warmups;
    private final int runs;

    /** Median times of two workloads measured side by side, in nanoseconds. */
    record Pair(long ours, long baseline) {
        double ratio() {
            return (double) ours / baseline;
        }
    }

    Measure(int warmups, int runs) {
        this.warmups = warmups;
        this.runs = runs;
    }

    /** Median wall time of {@code workload} in nanoseconds. */
    long medianNanos(Callable<?> workload) throws Exception {
        for (int i = 0; i < warmups; i++) {
            workload.call();
        }
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = time(workload);
        }
        return median(times);
    }

    /**
     * Medians of {@code ours} and {@code baseline}, run in alternation: whatever else loads the machine loads both
     * alike, so their ratio stays meaningful on a busy machine where one-after-the-other timing does not.
     */
    Pair compare(Callable<?> ours, Callable<?> baseline) throws Exception {
        for (int i = 0; i < warmups; i++) {
            ours.call();
            baseline.call();
        }
        long[] oursTimes = new long[runs];
        long[] baselineTimes = new long[runs];
        for (int i = 0; i < runs; i++) {
            oursTimes[i] = time(ours);
            baselineTimes[i] = time(baseline);
        }
        return new Pair(median(oursTimes), median(baselineTimes));
    }

    private static long time(Callable<?> workload) throws Exception {
        settle();
        long start = System.nanoTime();
        workload.call();
        return System.nanoTime() - start;
    }

    /**
     * Collects what the runs before left behind, outside the timing. Each run then starts from the same empty heap,
     * as a {@code bin/jobrun} process does, and pays only for its own garbage: without it, a collection of the runs
     * before falls into whichever run happens to fill the heap, and one run of the same workload varies threefold.
     */
    private static void settle() {
        System.gc();
    }

    private static long median(long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * The median CPU times of the whole process over {@code runs} runs of {@code ours} and of {@code baseline}, run in
     * alternation after each ran once: one workload measured after the other finds the JIT in another state (run
     * first, the journal's runs read less CPU than the same runs without it).
     */
    static Pair cpuNanos(Callable<?> ours, Callable<?> baseline, int runs) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ours.call();
        baseline.call();
        long[] oursTimes = new long[runs];
        long[] baselineTimes = new long[runs];
        for (int i = 0; i < runs; i++) {
            oursTimes[i] = cpuOf(os, ours);
            baselineTimes[i] = cpuOf(os, baseline);
        }
        return new Pair(median(oursTimes), median(baselineTimes));
    }

    /** The median CPU time of the whole process over {@code runs} runs of {@code workload}, after it ran once. */
    static double cpuNanos(Callable<?> workload, int runs) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        workload.call();
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = cpuOf(os, workload);
        }
        return median(times);
    }

    /** The CPU time of the whole process over one run of {@code workload}, from a collected heap. */
    private static long cpuOf(com.sun.management.OperatingSystemMXBean os, Callable<?> workload) throws Exception {
        settle();
        long start = os.getProcessCpuTime();
        workload.call();
        return os.getProcessCpuTime() - start;
    }
}
