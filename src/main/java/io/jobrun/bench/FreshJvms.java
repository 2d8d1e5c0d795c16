package io.jobrun.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One comparison measured in several fresh JVMs, one after another, each with the bench's own options: the median of
 * their ratios. The same code compared in one JVM reads differently from one JVM to the next (the JIT's choices, where
 * the heap and the files land): {@code bin/bench reports} read 1.09x to 1.29x and {@code journal} 1.19x to 1.34x for
 * unchanged code, more than most changes move it. A JVM of its own per measurement makes the row worth comparing.
 *
 * <p>Each JVM runs {@code Bench --one-jvm SECTION [--quick]}, which prints one line, {@code ratio OURS BASELINE} (nanoseconds),
 * and nothing else on stdout.
 */
final class FreshJvms {
    /** The argument that makes {@link Bench} a JVM of this kind. */
    static final String ONE_JVM = "--one-jvm";
    /** The line a measuring JVM prints. */
    private static final String PREFIX = "ratio ";

    /** The ratios of the JVMs, in order, and the medians of their times. */
    record Ratios(double[] ratios, long ours, long baseline) {
        Ratios {
            ratios = ratios.clone();
            Arrays.sort(ratios);
        }

        double median() {
            return ratios[ratios.length / 2];
        }

        /** "1.09x to 1.17x over 5 JVMs". */
        String spread() {
            return String.format(Locale.ROOT, "%.2fx to %.2fx over %d JVMs", ratios[0], ratios[ratios.length - 1],
                    ratios.length);
        }
    }

    private FreshJvms() {
    }

    /**
     * Measures {@code section} in {@code count} fresh JVMs, one after another; {@code quick}: at a tiny size, once,
     * to check that it works.
     */
    static Ratios measure(String section, int count, boolean quick) throws IOException, InterruptedException {
        double[] ratios = new double[count];
        long[] ours = new long[count];
        long[] baseline = new long[count];
        for (int i = 0; i < count; i++) {
            Process process = new ProcessBuilder(command(section, quick)).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            String line = out.lines().filter(l -> l.startsWith(PREFIX)).findFirst().orElse(null);
            if (exit != 0 || line == null) {
                throw new IOException("a JVM measuring " + section + " failed (exit " + exit + "): " + out);
            }
            String[] fields = line.substring(PREFIX.length()).split(" ");
            ours[i] = Long.parseLong(fields[0]);
            baseline[i] = Long.parseLong(fields[1]);
            ratios[i] = (double) ours[i] / baseline[i];
        }
        Arrays.sort(ours);
        Arrays.sort(baseline);
        return new Ratios(ratios, ours[count / 2], baseline[count / 2]);
    }

    /**
     * The row of {@code workload} that decides its target ({@code ratio <= limit}): with {@code quick}, this JVM's
     * figure; otherwise this JVM's as a line of information, then the median of {@link JobBenchmarks#FRESH_JVMS}
     * JVMs measuring {@code section} as the row, and their spread.
     */
    static void row(Report report, String section, String workload, Measure.Pair thisJvm, double limit,
                    boolean quick) throws IOException, InterruptedException {
        String target = String.format(Locale.ROOT, "<= %.2fx", limit);
        if (quick) {
            report.row(workload, Report.millis(thisJvm.ours()), Report.millis(thisJvm.baseline()), thisJvm.ratio(),
                    target, thisJvm.ratio() <= limit);
            return;
        }
        report.info(workload + ", this JVM", Report.millis(thisJvm.ours()), Report.millis(thisJvm.baseline()),
                thisJvm.ratio(), "one JVM's medians; the row below is worth more");
        Ratios jvms = measure(section, JobBenchmarks.FRESH_JVMS, false);
        report.row(workload, Report.millis(jvms.ours()), Report.millis(jvms.baseline()), jvms.median(), target,
                jvms.median() <= limit);
        report.note("the median ratio of " + jvms.spread() + ", each alternating 15 runs of each after 10");
    }

    /** What a measuring JVM prints: its medians, ours first. */
    static void print(Measure.Pair pair) {
        System.out.println(PREFIX + pair.ours() + " " + pair.baseline());
    }

    /** This JVM's command, options and class path, running {@code Bench --one-jvm section [--quick]}. */
    private static List<String> command(String section, boolean quick) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Bench.class.getName());
        command.add(ONE_JVM);
        command.add(section);
        if (quick) {
            command.add("--quick");
        }
        return command;
    }
}
