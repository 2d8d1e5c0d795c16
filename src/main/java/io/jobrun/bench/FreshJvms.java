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

    /** The ratios of the JVMs, and the medians of their times. */
    record Ratios(double[] ratios, long ours, long baseline) {
        double median() {
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        /** "1.09x to 1.17x over 5 JVMs". */
        String spread() {
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%.2fx to %.2fx over %d JVMs", sorted[0], sorted[sorted.length - 1],
                    sorted.length);
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
