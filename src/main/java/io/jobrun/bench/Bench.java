package io.jobrun.bench;

/**
 * Entry point of {@code bin/bench}: runs every benchmark in this JVM and prints each figure beside its baseline.
 * {@code --quick} runs tiny sizes once, to check that the benchmarks work, not to measure.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = java.util.Arrays.asList(args).contains("--quick");
        Report report = new Report(System.out);
        System.out.printf("jobrun benchmarks on %d cores, Java %s%s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), quick ? " (--quick: sizes too small to mean anything)" : "");
        new CoreBenchmarks(report, quick).run();
    }
}
