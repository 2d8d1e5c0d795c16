package io.jobrun.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a user waits for at every run: the wall time of {@code bin/jobrun} on a one-task Groovy job and a one-task
 * YAML job, each beside CPython running the same program ({@code ThreadPoolExecutor}, one submit), timed in
 * alternation in one run so that the machine's load weighs on all three alike.
 *
 * <p>The baseline is the interpreter itself, as {@code sys.executable} names it: a launcher script in front of it
 * (a pyenv shim costs about 0.25 s) would flatter jobrun. The warm-up runs let bin/jobrun build, compile the job
 * file into its cache and train its start-up cache ({@code JOBRUN_AOT=wait}), so the measured runs are what a user
 * sees from the second run of a file on.
 */
final class StartupBenchmarks {
    private static final double TARGET_GROOVY = 4.0;
    private static final double TARGET_YAML = 2.5;
    private static final String GROOVY_JOB = "task 'hi', { 'hello' }\n";
    /** The same with its task formatting a string, as most tasks do ({@code PlainGString} is what it times). */
    private static final String GROOVY_FORMATTING_JOB = "task 'hi', { \"hello ${1 + 1}\" }\n";
    private static final String YAML_JOB = "tasks:\n  hi:\n    shell: echo hello\n";
    private static final String PYTHON_PROGRAM = String.join("\n",
            "from concurrent.futures import ThreadPoolExecutor",
            "def hi():",
            "    return 'hello'",
            "with ThreadPoolExecutor() as pool:",
            "    print(pool.submit(hi).result())", "");

    private final PrintStream out;
    private final Path home;
    private final Path dir;
    private final int runs;

    private StartupBenchmarks(PrintStream out, Path home, Path dir, int runs) {
        this.out = out;
        this.home = home;
        this.dir = dir;
        this.runs = runs;
    }

    static void run(PrintStream out, boolean quick) throws Exception {
        Path home = Path.of(System.getProperty("jobrun.home", ".")).toAbsolutePath();
        // NOTE: removes the job files, and what the runs wrote beside them (the .jobrun/ journal)
        try (TempTree dir = new TempTree("jobrun-bench-startup")) {
            new StartupBenchmarks(out, home, dir.root, quick ? 3 : 9).measure();
        }
    }

    private void measure() throws Exception {
        Files.writeString(dir.resolve("hi.groovy"), GROOVY_JOB);
        Files.writeString(dir.resolve("format.groovy"), GROOVY_FORMATTING_JOB);
        Files.writeString(dir.resolve("hi.yaml"), YAML_JOB);
        Files.writeString(dir.resolve("hi.py"), PYTHON_PROGRAM);
        String python = interpreter();
        String jobrun = home.resolve("bin/jobrun").toString();
        List<String> groovy = List.of(jobrun, "hi.groovy");
        List<String> formatting = List.of(jobrun, "format.groovy");
        List<String> yaml = List.of(jobrun, "hi.yaml");
        List<String> cpython = List.of(python, "hi.py");
        out.printf(Locale.ROOT, "start-up (bin/jobrun of a one-task job; baseline: CPython %s, ThreadPoolExecutor,"
                + " one submit; %d processors, load average %s)%n", python,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        Map<String, String> prepare = Map.of("JOBRUN_AOT", "wait");
        for (List<String> command : List.of(groovy, yaml, formatting, groovy, yaml, formatting)) {
            time(command, prepare);
        }
        time(cpython, Map.of());
        long[] groovyTimes = new long[runs];
        long[] yamlTimes = new long[runs];
        long[] formattingTimes = new long[runs];
        long[] pythonTimes = new long[runs];
        for (int i = 0; i < runs; i++) {
            groovyTimes[i] = time(groovy, Map.of());
            formattingTimes[i] = time(formatting, Map.of());
            pythonTimes[i] = time(cpython, Map.of());
            yamlTimes[i] = time(yaml, Map.of());
        }
        long baseline = median(pythonTimes);
        out.printf(Locale.ROOT, "  %-44s %12s %12s %8s  %s%n", "workload (median of " + runs + ")", "jobrun",
                "CPython", "ratio", "target");
        row("one-task Groovy job (task 'hi', { 'hello' })", median(groovyTimes), baseline, TARGET_GROOVY);
        row("the same, formatting (\"hello ${1 + 1}\")", median(formattingTimes), baseline, TARGET_GROOVY);
        row("one-task YAML job (shell: echo hello)", median(yamlTimes), baseline, TARGET_YAML);
        out.printf(Locale.ROOT, "  load average after: %s%n", loadAverage());
    }

    private void row(String workload, long ours, long baseline, double target) {
        double ratio = (double) ours / baseline;
        out.printf(Locale.ROOT, "  %-44s %12s %12s %7.2fx  <= %.1fx %s%n", workload, Report.millis(ours),
                Report.millis(baseline), ratio, target, ratio <= target ? "(met)" : "(MISSED)");
    }

    /** The CPython interpreter itself: {@code JOBRUN_PYTHON} or python3 on the PATH, asked for sys.executable. */
    private String interpreter() throws IOException, InterruptedException {
        String launcher = System.getenv().getOrDefault("JOBRUN_PYTHON", "python3");
        Process process = new ProcessBuilder(launcher, "-c", "import sys; print(sys.executable)")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String executable = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0 || executable.isEmpty()) {
            throw new IOException(launcher + " did not name its interpreter (set JOBRUN_PYTHON to a CPython 3)");
        }
        return executable;
    }

    /** Wall time of one run of {@code command} in the benchmark's directory, which must succeed. */
    private long time(List<String> command, Map<String, String> environment) throws Exception {
        return TimedProcess.time(dir, command, environment);
    }

    private static long median(long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
    }
}
