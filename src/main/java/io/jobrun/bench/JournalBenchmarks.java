package io.jobrun.bench;

import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.job.Job;
import io.jobrun.journal.Journal;
import io.jobrun.journal.JournalStore;
import io.jobrun.journal.RecordedRun;
import io.jobrun.journal.RunHeader;
import io.jobrun.report.ReportSettings;
import io.jobrun.report.ReportStyle;
import io.jobrun.report.Reports;
import io.jobrun.resume.Keys;
import io.jobrun.resume.NameGlob;
import io.jobrun.resume.PreviousRun;
import io.jobrun.resume.Resumer;
import io.jobrun.run.Interpreter;
import io.jobrun.run.RunResult;
import io.jobrun.run.TaskStatus;
import io.jobrun.run.Ticker;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The journal at scale, rows of the jobs section: (b) with the journal as {@code bin/jobrun} keeps it (every
 * instance keyed, every end written and group-committed) against the same run without it, in alternation; and
 * {@code --resume} of a finished run of N instances, everything cached: from reading its journal to the run's end.
 */
final class JournalBenchmarks {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private final Report report;
    private final boolean quick;
    private final Path dir;
    private int runs;
    /** How long the last journaled run's close took, in nanoseconds. */
    private long lastClose;
    /** The journal of the last journaled run. */
    private Path lastJournal;

    JournalBenchmarks(Report report, boolean quick, Path dir) {
        this.report = report;
        this.quick = quick;
        this.dir = dir;
    }

    /** @param job the (b) job: one fan-out of {@code size} trivial closures */
    void run(Job job, int size) throws Exception {
        Measure measure = quick ? new Measure(1, 1) : new Measure(3, 31);
        JournalStore store = new JournalStore(dir.resolve("journal"));
        Measure.Pair journaled = compare(job, measure);
        FreshJvms.row(report, "journal", "(b) with the journal over without, N=" + size, journaled, 1.05, quick);
        int cpuRuns = quick ? 1 : 9;
        Measure.Pair cpu = Measure.cpuNanos(() -> journaled(job, store, null), () -> plain(job), cpuRuns);
        report.info("(b) CPU of the run with the journal over without", Report.millis(cpu.ours()),
                Report.millis(cpu.baseline()), cpu.ratio(), "the same, in CPU time of the process, alternated");
        writerThread(job, store, cpuRuns);
        startLines(size);
        double withHeap = allocatedBytes(() -> journaled(job, store, null), cpuRuns);
        double withoutHeap = allocatedBytes(() -> plain(job), cpuRuns);
        report.info("(b) heap allocated by the run, with over without", String.format("%.1f MB", withHeap / 1e6),
                String.format("%.1f MB", withoutHeap / 1e6), withHeap / withoutHeap,
                "medians, all threads: what brings a collection into the run");
        long[] resume = new long[quick ? 1 : 5];
        for (int i = 0; i < resume.length; i++) {
            long start = System.nanoTime();
            RunResult result;
            try (PreviousRun previous = PreviousRun.find(store, job.file(), "")) {
                result = journaled(job, store, previous.run());
            }
            resume[i] = System.nanoTime() - start;
            long cached = result.outcomes().stream().filter(o -> o.status() == TaskStatus.CACHED).count();
            if (cached != size) {
                throw new IllegalStateException("the resume reused " + cached + " of " + size + " instances");
            }
        }
        java.util.Arrays.sort(resume);
        long median = resume[resume.length / 2];
        report.row("--resume of a finished run, N=" + size + " all cached", Report.millis(median), "2000 ms",
                median / 2e9, "<= 2 s", median <= 2_000_000_000L);
    }

    /** The runs of {@code job} with the journal against without it, alternated, as {@code measure} times them. */
    Measure.Pair compare(Job job, Measure measure) throws Exception {
        JournalStore store = new JournalStore(dir.resolve("journal"));
        return measure.compare(() -> journaled(job, store, null), () -> plain(job));
    }

    /**
     * The journal's own threads, which the run's end waits for: their CPU time per run (read by a watcher every
     * millisecond while it lives, robust to the machine's load), and how long the close waited for it after the run.
     */
    private void writerThread(Job job, JournalStore store, int count) throws Exception {
        long[] cpu = new long[count];
        long[] user = new long[count];
        long[] closing = new long[count];
        for (int i = 0; i < count; i++) {
            System.gc();
            WriterWatch watch = new WriterWatch();
            Thread watcher = Thread.ofPlatform().daemon().name("bench-journal-watch").start(watch);
            journaled(job, store, null);
            watcher.interrupt();
            watcher.join();
            cpu[i] = watch.cpuNanos;
            user[i] = watch.userNanos;
            closing[i] = lastClose;
        }
        java.util.Arrays.sort(cpu);
        java.util.Arrays.sort(user);
        java.util.Arrays.sort(closing);
        report.info("(b) the journal's threads: CPU; the close's wait", Report.millis(cpu[count / 2]),
                Report.millis(closing[count / 2]), (double) closing[count / 2] / cpu[count / 2],
                "medians; the close waits for what the thread has left after the run");
        report.info("(b) the journal's threads: CPU in the JVM; in the kernel", Report.millis(user[count / 2]),
                Report.millis(cpu[count / 2] - user[count / 2]), (double) user[count / 2] / cpu[count / 2],
                "medians: making the lines; writing and forcing them (system time)");
    }

    /**
     * How many {@code start} lines the last journaled run wrote: a start is held back until its instance's end or a
     * window, so a fan-out of trivial closures should write next to none (a regression once wrote 87,000 of 100,000
     * unseen; under load some are rightly written, for the instances a pause held past the window).
     */
    private void startLines(int size) throws java.io.IOException {
        long starts;
        try (var lines = java.nio.file.Files.lines(lastJournal)) {
            starts = lines.filter(line -> line.startsWith("{\"ev\":\"start\"")).count();
        }
        report.info("(b) start lines the journal wrote, of " + size + " instances", Long.toString(starts),
                Long.toString(size), (double) starts / size, "held back until the end or 20 ms; near 0 expected");
    }

    /** The median number of bytes all threads allocate in a run of {@code workload}. */
    private static double allocatedBytes(java.util.concurrent.Callable<?> workload, int count) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long[] bytes = new long[count];
        for (int i = 0; i < count; i++) {
            System.gc();
            long before = threads.getTotalThreadAllocatedBytes();
            workload.call();
            bytes[i] = threads.getTotalThreadAllocatedBytes() - before;
        }
        java.util.Arrays.sort(bytes);
        return bytes[count / 2];
    }

    /**
     * Reads the CPU time of the journal's threads (its writer, and the forcer that forces what it wrote) until they
     * end, keeping the last reading of each.
     */
    private static final class WriterWatch implements Runnable {
        private volatile long cpuNanos;
        private volatile long userNanos;

        @Override
        public void run() {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            List<Thread> journal = List.of();
            long[] cpu = new long[2];
            long[] user = new long[2];
            try {
                while (journal.size() < 2) {
                    journal = Thread.getAllStackTraces().keySet().stream()
                            .filter(t -> t.getName().equals("jobrun-journal")
                                    || t.getName().equals("jobrun-journal-force")).toList();
                    Thread.sleep(1);
                }
                while (journal.stream().anyMatch(Thread::isAlive)) {
                    for (int i = 0; i < 2; i++) {
                        long read = threads.getThreadCpuTime(journal.get(i).threadId());
                        if (read > 0) {
                            cpu[i] = read;
                            user[i] = threads.getThreadUserTime(journal.get(i).threadId());
                        }
                    }
                    cpuNanos = cpu[0] + cpu[1];
                    userNanos = user[0] + user[1];
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                // the run is over
            }
        }
    }

    /** A run as {@code bin/jobrun --quiet} makes it, with the journal; resuming {@code previous} if not null. */
    private RunResult journaled(Job job, JournalStore store, RecordedRun previous) throws Exception {
        Interpreter interpreter = interpreter(job);
        Keys keys = new Keys(job, new byte[32]);
        Resumer resumer = new Resumer(keys, previous, store, new NameGlob(List.of()), Set.of());
        interpreter.reuse(resumer);
        String id = JournalStore.newRunId(Instant.now(), ProcessHandle.current().pid()) + "-" + ++runs;
        RunHeader header = new RunHeader(id, job.file(), "", Map.of(), "bench", ProcessHandle.current().pid(), null,
                previous == null ? null : previous.id());
        Journal journal = Journal.open(store, header, keys, resumer::why, why -> {
            throw new IllegalStateException("the journal failed: " + why);
        });
        RunResult result;
        try {
            interpreter.addListener(journal);
            result = interpreter.run();
        } finally {
            long closing = System.nanoTime();
            journal.close();
            lastClose = System.nanoTime() - closing;
            lastJournal = journal.path();
        }
        return checked(result);
    }

    private static RunResult plain(Job job) {
        return checked(interpreter(job).run());
    }

    private static Interpreter interpreter(Job job) {
        Interpreter interpreter = new Interpreter(job, ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        ReportSettings settings = new ReportSettings(NOWHERE, NOWHERE, new ReportStyle(false, true, false),
                Ticker.SYSTEM, null);
        interpreter.addListener(Reports.STANDARD.create("summary", settings));
        return interpreter;
    }

    private static RunResult checked(RunResult result) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException("the benchmark job failed: " + result.getFailed());
        }
        return result;
    }
}
