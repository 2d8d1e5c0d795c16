package io.jobrun.bench;

import io.jobrun.cluster.ClusterExecutor;
import io.jobrun.cluster.ClusterSecret;
import io.jobrun.cluster.RawExecutor;
import io.jobrun.futures.Future;
import io.jobrun.futures.Task;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster executor's figures beside the targets of issue 14, against Hazelcast's own executor service on the same
 * members in the same run: per-task round trip, throughput of 10,000 tiny tasks, the first task of a run on a warm
 * cluster, and what a member costs to start.
 *
 * <p>Members are {@code bin/jobrun member} processes on 127.0.0.1, as users start them; the runs are {@code
 * bin/jobrun} processes too. Needs {@code jobrun.home} (bin/bench sets it).
 */
public final class ClusterBenchmarks {
    private static final double TARGET_ROUND_TRIP_RATIO = 1.5;
    private static final double TARGET_FIRST_TASK_SECONDS = 1.0;
    private static final int MEMBERS = 2;
    private static final int SLOTS = 2;
    private static final Pattern READY = Pattern.compile("jobrun member (\\S+) ready: \\d+ slots, pid (\\d+)");

    /** A task with no work: what the round trip and throughput rows send. */
    record Echo(long value) implements Task<Long> {
        @Override
        public Long call() {
            return value;
        }
    }

    /** A member process as started: its address, its JVM, and what starting cost. */
    private record StartedMember(Process wrapper, String address, long jvmPid, double seconds, double cpuSeconds) {
    }

    private ClusterBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out, Arrays.asList(args).contains("--quick"));
    }

    public static void run(PrintStream out, boolean quick) throws Exception {
        Path home = Path.of(System.getProperty("jobrun.home", "."));
        Path work = Files.createTempDirectory("jobrun-bench-cluster");
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        Map<String, String> env = Map.of("JOBRUN_CLUSTER_SECRET", secret, "JOBRUN_CLASSPATH",
                System.getProperty("java.class.path"));
        out.printf(Locale.ROOT, "cluster (%d members of %d slots, bin/jobrun member on 127.0.0.1, %d processors, "
                + "load average %s)%n", MEMBERS, SLOTS, Runtime.getRuntime().availableProcessors(), loadAverage());
        List<StartedMember> members = new ArrayList<>();
        try {
            members.add(startMember(home, work, env, List.of(), 1));
            for (int i = 2; i <= MEMBERS; i++) {
                members.add(startMember(home, work, env, List.of(members.get(0).address()), i));
            }
            for (StartedMember member : members) {
                out.printf(Locale.ROOT, "  member start-up: %.1f s to ready, %.1f CPU-s (%s)%n", member.seconds(),
                        member.cpuSeconds(), member == members.get(0) ? "forms the cluster" : "joins it");
            }
            List<String> addresses = members.stream().map(StartedMember::address).toList();
            out.printf(Locale.ROOT, "  %-46s %12s %12s %8s  %s%n", "workload", "jobrun", "raw", "ratio", "target");
            measure(out, quick, addresses, ClusterSecret.of(secret));
            firstTaskOfARun(out, quick, home, work, env, addresses.get(0));
        } finally {
            for (StartedMember member : members) {
                stop(member.wrapper());
            }
        }
        out.printf(Locale.ROOT, "  load average after: %s%n", loadAverage());
    }

    private static void measure(PrintStream out, boolean quick, List<String> addresses, ClusterSecret secret)
            throws Exception {
        ClusterExecutor ours = ClusterExecutor.connect(addresses, secret,
                ClusterExecutor.Options.of(MEMBERS * SLOTS));
        try (RawExecutor raw = RawExecutor.connect(addresses, MEMBERS)) {
            while (ours.memberAddresses().size() < MEMBERS) {
                Thread.sleep(20); // the client connects in the background
            }
            int calls = quick ? 50 : 300;
            Measure.Pair roundTrip = new Measure(quick ? 1 : 3, quick ? 3 : 7).compare(
                    () -> sequential(ours, calls), () -> sequentialRaw(raw, calls));
            row(out, "per-task round trip (sequential)", Report.millis(roundTrip.ours() / calls),
                    Report.millis(roundTrip.baseline() / calls), roundTrip.ratio(), "<= 1.5x raw",
                    roundTrip.ratio() <= TARGET_ROUND_TRIP_RATIO);
            int tasks = quick ? 1_000 : 10_000;
            Measure.Pair burst = new Measure(1, quick ? 1 : 3).compare(() -> burst(ours, tasks),
                    () -> raw.pingAll(tasks));
            row(out, String.format(Locale.ROOT, "%,d tiny tasks at once", tasks), perSecond(tasks, burst.ours()),
                    perSecond(tasks, burst.baseline()), (double) burst.baseline() / burst.ours(), ">= raw",
                    burst.ours() <= burst.baseline());
            long connect = System.nanoTime();
            ClusterExecutor fresh = ClusterExecutor.connect(addresses, secret, ClusterExecutor.Options.of(SLOTS));
            fresh.submit(new Echo(1)).result(Duration.ofMinutes(1));
            out.printf(Locale.ROOT, "  a new executor's first result, in this warm JVM: %s%n",
                    Report.millis(System.nanoTime() - connect));
            fresh.shutdown();
        } finally {
            ours.shutdown();
        }
    }

    private static long sequential(ClusterExecutor executor, int calls) {
        long sum = 0;
        for (int i = 0; i < calls; i++) {
            sum += executor.submit(new Echo(i)).result();
        }
        return sum;
    }

    private static long sequentialRaw(RawExecutor raw, int calls) throws Exception {
        long sum = 0;
        for (int i = 0; i < calls; i++) {
            sum += raw.ping(i % raw.members(), i);
        }
        return sum;
    }

    private static long burst(ClusterExecutor executor, int tasks) {
        List<Future<Long>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            futures.add(executor.submit(new Echo(i)));
        }
        long sum = 0;
        for (Future<Long> future : futures) {
            sum += future.result();
        }
        return sum;
    }

    /**
     * A run of one closure task on the warm cluster, against the same run on local threads, each in a fresh {@code
     * bin/jobrun} process started as users start it (with its start-up cache, trained first if there is none): the
     * difference is what the cluster adds to a run's first task (connecting, sending the job's code, loading it on a
     * member).
     */
    private static void firstTaskOfARun(PrintStream out, boolean quick, Path home, Path work,
                                        Map<String, String> memberEnv, String address) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(memberEnv);
        env.remove("JOBRUN_CLASSPATH");
        Path onCluster = Files.writeString(work.resolve("first-cluster.groovy"),
                "executor 'grid', cluster(slots: 2)\ntask 'first', on: 'grid', { 6 * 7 }\n");
        Path onThreads = Files.writeString(work.resolve("first-threads.groovy"),
                "executor 'grid', threads(2)\ntask 'first', on: 'grid', { 6 * 7 }\n");
        Map<String, String> training = new java.util.HashMap<>(env);
        training.put("JOBRUN_AOT", "wait");
        runSeconds(home, work, training, onCluster.toString(), "--cluster", address);
        runSeconds(home, work, training, onThreads.toString());
        int runs = quick ? 1 : 5;
        double[] cluster = new double[runs];
        double[] threads = new double[runs];
        for (int i = 0; i < runs; i++) {
            cluster[i] = runSeconds(home, work, env, onCluster.toString(), "--cluster", address);
            threads[i] = runSeconds(home, work, env, onThreads.toString());
        }
        Arrays.sort(cluster);
        Arrays.sort(threads);
        double added = cluster[runs / 2] - threads[runs / 2];
        out.printf(Locale.ROOT, "  a one-task run, fresh bin/jobrun: %.2f s on the cluster, %.2f s on threads "
                + "(medians of %d)%n", cluster[runs / 2], threads[runs / 2], runs);
        row(out, "first task of a run on a warm cluster (added)", String.format(Locale.ROOT, "%.2f s", added),
                "(threads)", added / TARGET_FIRST_TASK_SECONDS, "<= 1 s", added <= TARGET_FIRST_TASK_SECONDS);
    }

    private static double runSeconds(Path home, Path work, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/jobrun").toString(), "--quiet"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("run.log").toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process run = builder.start();
        if (run.waitFor() != 0) {
            throw new IllegalStateException("the run failed: " + Files.readString(work.resolve("run.log")));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static StartedMember startMember(Path home, Path work, Map<String, String> env, List<String> join,
                                             int number) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/jobrun").toString(), "member", "--bind",
                "127.0.0.1:0", "--slots", String.valueOf(SLOTS)));
        if (!join.isEmpty()) {
            command.addAll(List.of("--join", String.join(",", join)));
        }
        Path log = work.resolve("member-" + number + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process wrapper = builder.start();
        while (true) {
            Matcher ready = READY.matcher(Files.readString(log));
            if (ready.find()) {
                double seconds = (System.nanoTime() - start) / 1e9;
                long pid = Long.parseLong(ready.group(2));
                double cpu = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                        .map(d -> d.toMillis() / 1e3).orElse(Double.NaN);
                return new StartedMember(wrapper, ready.group(1), pid, seconds, cpu);
            }
            if (!wrapper.isAlive()) {
                throw new IllegalStateException("member " + number + " did not start: " + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }

    /** SIGTERM, then SIGKILL if it is still there after 30 s (its wrapper then ends what it started). */
    private static void stop(Process wrapper) throws InterruptedException {
        wrapper.destroy();
        if (!wrapper.waitFor(30, TimeUnit.SECONDS)) {
            wrapper.descendants().forEach(ProcessHandle::destroyForcibly);
            wrapper.destroyForcibly();
        }
    }

    private static void row(PrintStream out, String workload, String ours, String raw, double ratio, String target,
                            boolean met) {
        out.printf(Locale.ROOT, "  %-46s %12s %12s %7.2fx  %s %s%n", workload, ours, raw, ratio, target,
                met ? "(met)" : "(MISSED)");
    }

    private static String perSecond(int tasks, long nanos) {
        return String.format(Locale.ROOT, "%,.0f/s", tasks / (nanos / 1e9));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
