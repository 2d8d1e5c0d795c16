package io.jobrun.bench;

import java.util.Arrays;
import java.util.concurrent.Callable;

/** Times a workload: a few warm-up runs, then the median of the measured runs. */
final class Measure {
    private final int warmups;
    private final int runs;

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
            long start = System.nanoTime();
            workload.call();
            times[i] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        return times[runs / 2];
    }
}
