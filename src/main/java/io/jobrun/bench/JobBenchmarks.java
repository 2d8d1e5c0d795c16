package io.jobrun.bench;

import io.jobrun.dsl.groovy.GroovyJobLoader;
import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.futures.Future;
import io.jobrun.futures.Task;
import io.jobrun.futures.ThreadPoolExecutor;
import io.jobrun.job.Job;
import io.jobrun.job.JobFront;
import io.jobrun.job.JobSource;
import io.jobrun.job.JobText;
import io.jobrun.job.Kinds;
import io.jobrun.job.LoadedJob;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskCode;
import io.jobrun.job.TaskContext;
import io.jobrun.report.ReportSettings;
import io.jobrun.report.ReportStyle;
import io.jobrun.report.ReportTarget;
import io.jobrun.report.Reports;
import io.jobrun.run.Interpreter;
import io.jobrun.run.RunResult;
import io.jobrun.run.Ticker;
import io.jobrun.task.TaskRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run engine at scale, in one JVM: the same trivial Groovy closure (a) submitted straight to a
 * {@code ThreadPoolExecutor(2)}, (b) as a job's {@code map} over N items, (c) as two N-item fan-outs joined by
 * {@code after:}, for N = 1,000, 10,000 and 100,000. Prints the cost per task, its ratio to (a), the job's overhead
 * per task, how the cost per task grows from the smallest N to the largest, and the peak heap of (c) at the largest N.
 */
final class JobBenchmarks implements AutoCloseable {
    private static final int THREADS = 2;
    /** How many JVMs of their own measure the rows that decide a target ({@link FreshJvms}). */
    static final int FRESH_JVMS = 5;
    /** The report files (d) writes. */
    private static final List<String> REPORT_FORMATS = List.of("json", "junit", "trace", "html");
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private final Report report;
    private final boolean quick;
    private final int[] sizes;
    private final TempTree files;
    private final Path dir;

    JobBenchmarks(Report report, boolean quick) throws IOException {
        this.report = report;
        this.quick = quick;
        this.sizes = quick ? new int[] {100, 1_000} : new int[] {1_000, 10_000, 100_000};
        this.files = new TempTree("jobrun-bench");
        this.dir = files.root;
    }

    /** Where the runs write. */
    Path folder() {
        return dir;
    }

    /** Removes what the runs wrote: report files and journals of 100,000 tasks, hundreds of MB. */
    @Override
    public void close() throws IOException {
        files.close();
    }

    /**
     * Cost per task of the three workloads at one size, in nanoseconds: wall time, and the CPU time of the whole
     * process, which other load on the machine moves much less.
     */
    private record Costs(int size, double direct, double map, double joined, double directCpu, double mapCpu,
                         double joinedCpu) {
    }

    void run() throws Exception {
        report.section("Jobs (threads(" + THREADS + "), a trivial Groovy closure per task; baseline: (a) the same"
                + " closures submitted straight to ThreadPoolExecutor(" + THREADS + "))");
        List<Costs> costs = new ArrayList<>();
        for (int size : sizes) {
            costs.add(measure(size));
        }
        Costs small = costs.get(0);
        Costs large = costs.get(costs.size() - 1);
        double mapGrowth = large.map() / small.map();
        double joinedGrowth = large.joined() / small.joined();
        report.row("(b) cost per task, N=" + large.size() + " over N=" + small.size(), us(large.map()),
                us(small.map()), mapGrowth, "<= 1.5x", mapGrowth <= 1.5);
        report.row("(c) cost per task, N=" + large.size() + " over N=" + small.size(), us(large.joined()),
                us(small.joined()), joinedGrowth, "<= 1.5x", joinedGrowth <= 1.5);
        report.info("(b) CPU per task, N=" + large.size() + " over N=" + small.size(), us(large.mapCpu()),
                us(small.mapCpu()), large.mapCpu() / small.mapCpu(), "the same, in CPU time");
        report.info("(c) CPU per task, N=" + large.size() + " over N=" + small.size(), us(large.joinedCpu()),
                us(small.joinedCpu()), large.joinedCpu() / small.joinedCpu(), "the same, in CPU time");
        double overhead = large.map() - large.direct();
        report.row("(b) job overhead per task, N=" + large.size(), us(overhead), us(20_000), overhead / 20_000,
                "<= 20 us", overhead <= 20_000);
        double mapSeconds = large.map() * large.size() / 1e9;
        double joinedSeconds = large.joined() * 2 * large.size() / 1e9;
        report.row("(b) " + large.size() + " items, wall", seconds(mapSeconds), seconds(2), mapSeconds / 2, "<= 2 s",
                mapSeconds <= 2);
        report.row("(c) 2 x " + large.size() + " items with after:, wall", seconds(joinedSeconds), seconds(4),
                joinedSeconds / 4, "<= 4 s", joinedSeconds <= 4);
        reports(large.size());
        long peak = peakHeap(job(large.size(), true));
        report.row("(c) live heap peak, " + 2 * large.size() + " instances", mib(peak), mib(500L << 20),
                (double) peak / (500L << 20), "<= 500 MB", peak <= 500L << 20);
        new JournalBenchmarks(report, quick, dir).run(job(large.size(), false), large.size());
        loadNote();
    }

    private Costs measure(int size) throws Exception {
        Measure measure = quick ? new Measure(1, 1) : size >= 100_000 ? new Measure(2, 5) : new Measure(5, 7);
        Job map = job(size, false);
        Job joined = job(size, true);
        TaskCode closure = ((TaskBody.Code) map.tasks().get(0).body()).code();
        Measure.Pair b;
        Measure.Pair c;
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS)) {
            Task<Object> direct = () -> submitDirectly(pool, closure, size);
            b = measure.compare(() -> run(map), direct);
            c = measure.compare(() -> run(joined), direct);
        }
        double directCost = (b.baseline() + c.baseline()) / 2.0 / size;
        int runs = quick ? 1 : 5;
        double directCpu;
        double mapCpu;
        double joinedCpu;
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS)) {
            directCpu = Measure.cpuNanos(() -> submitDirectly(pool, closure, size), runs) / size;
            mapCpu = Measure.cpuNanos(() -> run(map), runs) / size;
            joinedCpu = Measure.cpuNanos(() -> run(joined), runs) / (2.0 * size);
        }
        Costs costs = new Costs(size, directCost, (double) b.ours() / size, (double) c.ours() / (2.0 * size),
                directCpu, mapCpu, joinedCpu);
        report.info("(a) direct, N=" + size, us(costs.direct()), us(costs.direct()), 1,
                "baseline; CPU " + us(directCpu));
        report.info("(b) map, N=" + size, us(costs.map()), us(costs.direct()), costs.map() / costs.direct(),
                "ratio to (a); CPU " + us(mapCpu));
        report.info("(c) 2 fan-outs + after:, N=" + size, us(costs.joined()), us(costs.direct()),
                costs.joined() / costs.direct(), "ratio to (a); CPU " + us(joinedCpu));
        return costs;
    }

    /** {@code bin/bench reports}: (d) alone, at the largest size. */
    void runReports() throws Exception {
        report.section("Report files (threads(" + THREADS + "), a trivial Groovy closure per task; baseline: the same"
                + " run without report files)");
        reports(sizes[sizes.length - 1]);
        loadNote();
    }

    private void loadNote() {
        report.note("load average " + String.format(Locale.ROOT, "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) + " at the end"
                + (quick ? "; --quick: sizes too small to mean anything" : ""));
    }

    /** (d)'s comparison alone, in a JVM of its own ({@link FreshJvms}): the runs with the four files and without. */
    Measure.Pair reportsInThisJvm() throws Exception {
        int size = sizes[sizes.length - 1];
        Job map = job(size, false);
        Path out = Files.createDirectories(dir.resolve("reports"));
        List<String> formats = REPORT_FORMATS;
        return measureInThisJvm().compare(() -> run(map, out, formats), () -> run(map));
    }

    /** The journal's (b) comparison alone, in a JVM of its own ({@link FreshJvms}). */
    Measure.Pair journalInThisJvm() throws Exception {
        int size = sizes[sizes.length - 1];
        return new JournalBenchmarks(report, quick, dir).compare(job(size, false), measureInThisJvm());
    }

    /**
     * How a JVM of its own measures: 15 alternated runs of each after 10 of each, as its code must be compiled as in the
     * bench's own JVM after its rows before (after 3, five JVMs read 1.18x to 1.38x where the bench's own read 1.08x).
     */
    private Measure measureInThisJvm() {
        return quick ? new Measure(1, 1) : new Measure(10, 15);
    }

    /** {@code bin/bench journal}: the journal's rows alone, at the largest size. */
    void runJournal() throws Exception {
        report.section("Journal (threads(" + THREADS + "), a trivial Groovy closure per task; baseline: the same"
                + " run without the journal)");
        int size = sizes[sizes.length - 1];
        new JournalBenchmarks(report, quick, dir).run(job(size, false), size);
        loadNote();
    }

    /**
     * (d): the run of (b) with every report file written (JSON, JUnit XML, trace, HTML timeline) against the same run
     * without them, alternated; the files go to a temporary directory and are replaced each run. The CPU time of the
     * whole process is compared too, as other load on the machine moves it much less than wall time.
     */
    private void reports(int size) throws Exception {
        Measure measure = quick ? new Measure(1, 1) : new Measure(3, 31);
        Job map = job(size, false);
        Path out = Files.createDirectories(dir.resolve("reports"));
        List<String> formats = REPORT_FORMATS;
        Measure.Pair pair = measure.compare(() -> run(map, out, formats), () -> run(map));
        long bytes = 0;
        for (String format : formats) {
            bytes += Files.size(out.resolve("report." + format));
        }
        FreshJvms.row(report, "reports", "(d) (b) N=" + size + " writing 4 report files", pair, 1.10, quick);
        int runs = quick ? 1 : 5;
        // NOTE: alternated, as measured one after the other the workload run first reads less CPU
        Measure.Pair cpu = Measure.cpuNanos(() -> run(map, out, formats), () -> run(map), runs);
        report.info("(d) CPU of the run, writing 4 report files", Report.millis(cpu.ours()),
                Report.millis(cpu.baseline()), cpu.ratio(), "the same, in CPU time of the process, alternated");
        report.note("(d) the four files hold " + mib(bytes) + " for " + size + " tasks");
        if (!quick) { // NOTE: --quick is what the tests run, from the build's classes, where bin/jobrun would build
            freshProcesses(size, out, formats);
        }
    }

    /**
     * (d) as a user meets it: {@code bin/jobrun} of the same job in a process of its own each time, with the four
     * report files and without, alternated. A fresh JVM also loads the reports' classes and compiles their code,
     * which the rows above, in one warmed-up JVM, no longer pay.
     */
    private void freshProcesses(int size, Path out, List<String> formats) throws Exception {
        String jobrun = Path.of(System.getProperty("jobrun.home", ".")).toAbsolutePath().resolve("bin/jobrun")
                .toString();
        String file = dir.resolve("map-" + size + ".groovy").toString();
        List<String> plain = List.of(jobrun, file, "--quiet", "--no-journal");
        List<String> withReports = new ArrayList<>(plain);
        for (String format : formats) {
            withReports.addAll(List.of("--report", format + "=" + out.resolve("fresh." + format)));
        }
        Map<String, String> prepare = Map.of("JOBRUN_AOT", "wait");
        TimedProcess.time(dir, plain, prepare);
        TimedProcess.time(dir, withReports, prepare);
        long[] plainTimes = new long[7];
        long[] reportTimes = new long[plainTimes.length];
        for (int i = 0; i < plainTimes.length; i++) {
            plainTimes[i] = TimedProcess.time(dir, plain, Map.of());
            reportTimes[i] = TimedProcess.time(dir, withReports, Map.of());
        }
        Arrays.sort(plainTimes);
        Arrays.sort(reportTimes);
        long ours = reportTimes[reportTimes.length / 2];
        long baseline = plainTimes[plainTimes.length / 2];
        report.info("(d) the same in fresh bin/jobrun processes", Report.millis(ours), Report.millis(baseline),
                (double) ours / baseline, "medians; a fresh JVM also loads and compiles the reports' code");
    }

    /** A run as (b) makes it, also writing the report files {@code formats} into {@code directory}. */
    private static RunResult run(Job job, Path directory, List<String> formats) {
        Interpreter interpreter = new Interpreter(job, ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        ReportSettings settings = new ReportSettings(NOWHERE, NOWHERE, new ReportStyle(false, true, false),
                Ticker.SYSTEM, null);
        for (String format : formats) {
            interpreter.addListener(Reports.STANDARD.create(format, settings.to(
                    ReportTarget.replacing(directory.resolve("report." + format).toString()))));
        }
        interpreter.addListener(Reports.STANDARD.create("summary", settings));
        RunResult result = interpreter.run();
        if (result.exitCode() != 0) {
            throw new IllegalStateException("the benchmark job failed: " + result.getFailed());
        }
        return result;
    }

    /** (a): every item's closure submitted to the pool, then every result read. */
    private static Object submitDirectly(ThreadPoolExecutor pool, TaskCode closure, int size) {
        List<Future<Object>> futures = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            TaskContext context = new ItemContext(i);
            futures.add(pool.submit(() -> closure.run(context)));
        }
        long sum = 0;
        for (Future<Object> future : futures) {
            sum += ((Number) future.result()).longValue();
        }
        return sum;
    }

    /** A run as {@code bin/jobrun --quiet} makes it: the summary report included, written nowhere. */
    private static RunResult run(Job job) {
        Interpreter interpreter = new Interpreter(job, ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        ReportSettings settings = new ReportSettings(NOWHERE, NOWHERE, new ReportStyle(false, true, false),
                Ticker.SYSTEM, null);
        interpreter.addListener(Reports.STANDARD.create("summary", settings));
        RunResult result = interpreter.run();
        if (result.exitCode() != 0) {
            throw new IllegalStateException("the benchmark job failed: " + result.failed());
        }
        return result;
    }

    /** {@code map 'a'} over N items, and with {@code joined} {@code map 'b'} over N items after it. */
    private Job job(int size, boolean joined) throws IOException {
        String text = "executor 'pool', threads(" + THREADS + ")\n"
                + "map 'a', over: (0..<" + size + ").toList(), on: 'pool', { x -> x + 1 }\n"
                + (joined ? "map 'b', over: (0..<" + size + ").toList(), on: 'pool', after: ['a'], { x -> x + 1 }\n"
                : "");
        Path file = dir.resolve((joined ? "joined-" : "map-") + size + ".groovy");
        Files.writeString(file, text);
        LoadedJob loaded;
        try {
            loaded = new GroovyJobLoader().load(new JobFront.Request(JobText.read(file, file.toString()), Map.of(),
                    new Kinds(ExecutorRegistry.STANDARD, TaskRegistry.STANDARD), NOWHERE));
        } catch (JobSource.UnreadableException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (loaded.job() == null) {
            throw new IllegalStateException("the benchmark job does not load: " + loaded.problems());
        }
        return loaded.job();
    }

    /**
     * The most heap that {@code job} keeps live while it runs once: the largest heap use after any collection during
     * the run, and after one forced at its end while its result is still held. (The heap's raw peak says more about
     * how lazily the collector works than about the run.)
     */
    private static long peakHeap(Job job) {
        AtomicLong peak = new AtomicLong();
        NotificationListener afterCollection = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (MemoryUsage usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                    used += usage.getUsed();
                }
                peak.accumulateAndGet(used, Math::max);
            }
        };
        List<NotificationEmitter> collectors = new ArrayList<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(afterCollection, null, null);
                collectors.add(emitter);
            }
        }
        try {
            System.gc();
            peak.set(0);
            RunResult held = run(job);
            System.gc();
            peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            return held.outcomes().isEmpty() ? 0 : peak.get();
        } finally {
            for (NotificationEmitter emitter : collectors) {
                try {
                    emitter.removeNotificationListener(afterCollection);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // added above; nothing to remove otherwise
                }
            }
        }
    }

    /** The context a closure of (a) runs with: its item, nothing else. */
    private record ItemContext(Object input) implements TaskContext {
        @Override
        public String taskName() {
            return "a";
        }

        @Override
        public Map<String, Object> results() {
            return Map.of();
        }

        @Override
        public <T> Future<T> submit(String executor, String label, Task<T> work, Duration timeLimit) {
            throw new UnsupportedOperationException("the benchmark's closures submit nothing");
        }

        @Override
        public <T> Future<T> submitTo(io.jobrun.futures.Executor pool, String poolName, String label, Task<T> work,
                                      Duration timeLimit) {
            throw new UnsupportedOperationException("the benchmark's closures submit nothing");
        }
    }

    private static String us(double nanos) {
        return String.format(Locale.ROOT, "%.2f us/task", nanos / 1e3);
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%d MB", bytes >> 20);
    }
}
