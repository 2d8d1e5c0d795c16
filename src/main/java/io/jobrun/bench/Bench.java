package io.jobrun.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of {@code bin/bench}: runs the benchmarks in this JVM and prints each figure beside its baseline; the
 * rows that decide the reports' and the journal's targets are measured in JVMs of their own ({@link FreshJvms}).
 *
 * <p>{@code bin/bench [--quick] [core] [process] [script] [jobs] [reports] [journal] [cluster] [startup]}: with no
 * section named, every section runs ({@code reports} and {@code journal} are parts of {@code jobs}, alone: the cost of
 * writing the report files, of the journal).
 * {@code --quick} runs
 * tiny sizes, to check that the benchmarks work, not to measure.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals(FreshJvms.ONE_JVM)) {
            oneJvm(args[1], args.length > 2 && args[2].equals("--quick"));
            return;
        }
        boolean quick = false;
        List<String> sections = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--quick" -> quick = true;
                case "core", "process", "script", "jobs", "reports", "journal", "cluster", "startup" -> sections.add(arg);
                default -> {
                    System.err.println("usage: bin/bench [--quick] [core] [process] [script] [jobs] [reports] [journal]"
                            + " [cluster] [startup]");
                    System.exit(2);
                }
            }
        }
        if (sections.isEmpty()) {
            sections = List.of("core", "process", "script", "jobs", "cluster", "startup");
        }
        System.out.printf("jobrun benchmarks on %d cores, Java %s%s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), quick ? " (--quick: sizes too small to mean anything)" : "");
        if (sections.contains("core")) {
            new CoreBenchmarks(new Report(System.out), quick).run();
        }
        if (sections.contains("process")) {
            System.out.println();
            ProcessPoolBenchmarks.run(System.out, quick);
        }
        if (sections.contains("script")) {
            System.out.println();
            ScriptBenchmarks.run(System.out, quick);
        }
        if (sections.contains("jobs")) {
            try (JobBenchmarks jobs = new JobBenchmarks(new Report(System.out), quick)) {
                jobs.run();
            }
        }
        if (sections.contains("reports") && !sections.contains("jobs")) {
            try (JobBenchmarks jobs = new JobBenchmarks(new Report(System.out), quick)) {
                jobs.runReports();
            }
        }
        if (sections.contains("journal") && !sections.contains("jobs")) {
            try (JobBenchmarks jobs = new JobBenchmarks(new Report(System.out), quick)) {
                jobs.runJournal();
            }
        }
        if (sections.contains("cluster")) {
            System.out.println();
            ClusterBenchmarks.run(System.out, quick);
        }
        if (sections.contains("startup")) {
            System.out.println();
            StartupBenchmarks.run(System.out, quick);
        }
    }

    /** One comparison in this JVM for {@link FreshJvms}: its line on stdout, and nothing else there. */
    private static void oneJvm(String section, boolean quick) throws Exception {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try (JobBenchmarks jobs = new JobBenchmarks(new Report(System.out), quick)) {
            Measure.Pair pair = switch (section) {
                case "reports" -> jobs.reportsInThisJvm();
                case "journal" -> jobs.journalInThisJvm();
                default -> throw new IllegalArgumentException("no comparison " + section);
            };
            System.setOut(out);
            FreshJvms.print(pair);
        }
    }
}
