package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-process group: three {@code bin/jobrun member} processes on 127.0.0.1, started once for the class, and
 * a runner in a process of its own with a job of closures, shell and script tasks; one member is killed with
 * {@code kill -9} while a task runs on it. What a member's death does can only be seen with real processes (in one
 * JVM a "terminated" member's task runs on).
 *
 * <p>Lean, as it starts five JVMs on what may be two cores: the JVMs compile with C1 only and collect with Serial
 * (they live for seconds), the runner starts while the second and third members join, and the members serve both
 * tests. The group must end within two minutes ({@link #GROUP_BOUND}), stretched by the load average over the
 * processors when the machine is busier than its cores (other builds share it): on a CI machine of its own that is
 * the bound as it stands.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES) // each test's guard against a hang; the group's bound is checked below
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessesTests {
    private static final String JOB = "src/test/resources/jobs/cluster-failover.groovy";
    private static final Duration GROUP_BOUND = Duration.ofMinutes(2);
    private static final Map<String, String> ENV = Map.of("JOBRUN_CLUSTER_SECRET", randomSecret(),
            "JOBRUN_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    private static long startedAt;
    private static double busiest;

    @TempDir
    static Path dir;
    private static final List<ClusterMemberProcess> MEMBERS = new ArrayList<>();

    private static String randomSecret() {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    /**
     * One member first, then two that join it at once (three started together may form two clusters); the first
     * test's runner starts while they join.
     */
    @BeforeAll
    static void startThreeMembers() throws Exception {
        startedAt = System.nanoTime();
        busiest = loadPerProcessor();
        ClusterMemberProcess first = ClusterMemberProcess.start(dir.resolve("member-1"), ENV, 2, List.of());
        MEMBERS.add(first);
        first.awaitReady();
        for (int i = 2; i <= 3; i++) {
            MEMBERS.add(ClusterMemberProcess.start(dir.resolve("member-" + i), ENV, 2, List.of(first.address())));
        }
    }

    private static void awaitClusterOfThree() throws InterruptedException {
        for (ClusterMemberProcess member : MEMBERS) {
            member.awaitReady().awaitClusterOf(3);
        }
    }

    @AfterAll
    static void killWhatIsLeftAndCheckTheGroupsBound() {
        for (ClusterMemberProcess member : MEMBERS) {
            member.tree().forEach(ProcessHandle::destroyForcibly);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
        busiest = Math.max(busiest, loadPerProcessor());
        Duration bound = Duration.ofMillis((long) (GROUP_BOUND.toMillis() * Math.max(1, busiest)));
        assertTrue(took.compareTo(bound) <= 0, () -> "the group took " + took.toSeconds() + " s, over its bound of "
                + bound.toSeconds() + " s (two minutes, times the load average per processor, " + busiest + ")");
    }

    /** The 1-minute load average over the processors; 1 where it cannot be read. */
    private static double loadPerProcessor() {
        try {
            double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            return load / Runtime.getRuntime().availableProcessors();
        } catch (IOException | RuntimeException unreadable) {
            return 1;
        }
    }

    @Test
    @Order(1)
    void everyTaskEndsOkOnceWhenTheMemberRunningOneIsKilled() throws Exception {
        Path marks = Files.createDirectories(dir.resolve("marks"));
        Path gate = dir.resolve("gate");
        Path runDir = Files.createDirectories(dir.resolve("runner"));
        ForkedJobrun runner = ForkedJobrun.start(runDir, ENV, JOB, "--no-emoji", "--cluster",
                MEMBERS.get(0).address(), "-p", "marks=" + marks, "-p", "gate=" + gate);
        try {
            awaitClusterOfThree(); // NOTE: so that 'hold' has somewhere to go again
            Path mark = awaitFirstMark(marks, runner);
            long memberPid = Long.parseLong(Files.readString(mark).strip());
            long shellPid = Long.parseLong(mark.getFileName().toString().substring("hold.".length()));
            ClusterMemberProcess victim = memberWithJvm(memberPid);
            List<ProcessHandle> victimTree = victim.tree();
            assertTrue(victimTree.stream().anyMatch(p -> p.pid() == shellPid), "the shell runs under the member");

            ProcessHandle.of(memberPid).orElseThrow().destroyForcibly(); // kill -9, while 'hold' runs there
            Files.writeString(gate, "open");

            assertTrue(victim.wrapper().awaitExit(60), "the killed member's wrapper did not end");
            assertAllGone(victimTree, "the killed member");
            assertTrue(runner.awaitExit(180), "the run did not end");
            String report = runner.stdout();
            assertEquals(0, runner.process().exitValue(), () -> report + runner.stderr());
            for (String task : expectedTasks()) {
                assertEquals(1, rows(report, task).size(), () -> task + " is not reported once:\n" + report);
                assertTrue(rows(report, task).get(0).startsWith("[ok]"), () -> task + " is not ok:\n" + report);
            }
            assertTrue(report.contains("sum") && report.contains("650"), report);
            String hold = rows(report, "hold").get(0);
            assertEquals("2", hold.split("\\s+")[4], () -> "the lost attempt is counted: " + hold);
            List<String> survivors = MEMBERS.stream().filter(m -> m != victim).map(ClusterMemberProcess::address)
                    .toList();
            // NOTE: another task may have been running on the killed member too; 'hold' surely was, once
            List<String> lost = report.lines().filter(line -> line.startsWith("Lost with a member: hold: ")).toList();
            assertEquals(1, lost.size(), report);
            String where = lost.get(0).replaceFirst(".* attempt 2 on (\\S+) after .*", "$1");
            assertEquals("Lost with a member: hold: attempt 2 on " + where + " after " + victim.address() + " left",
                    lost.get(0));
            assertTrue(survivors.contains(where), () -> where + " is not one of the members left: " + survivors);
            try (Stream<Path> files = Files.list(marks)) {
                assertEquals(2, files.filter(f -> !f.toString().endsWith(".tmp")).count(),
                        "'hold' ran twice: once on the killed member, once on another");
            }
        } finally {
            runner.destroy();
        }
    }

    @Test
    @Order(2)
    void membersStoppedWithSigtermLeaveNoProcessBehind() throws Exception {
        awaitClusterOfThree();
        List<ProcessHandle> before = new ArrayList<>();
        for (ClusterMemberProcess member : MEMBERS) {
            before.addAll(member.tree());
            member.wrapper().process().destroy(); // SIGTERM, as systemd or Ctrl-C would
        }
        for (ClusterMemberProcess member : MEMBERS) {
            assertTrue(member.wrapper().awaitExit(60), () -> "a member did not stop: " + member.wrapper().stderr());
        }
        assertAllGone(before, "a stopped member");
    }

    private static List<String> expectedTasks() {
        List<String> tasks = new ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            tasks.add("square[" + n + "]");
        }
        tasks.addAll(List.of("hold", "shout[a]", "shout[b]", "shout[c]", "answer", "sum"));
        return tasks;
    }

    /** The report's rows for {@code task}: lines whose second column is its name. */
    private static List<String> rows(String report, String task) {
        List<String> rows = new ArrayList<>();
        for (String line : report.split("\n")) {
            String[] columns = line.strip().split("\\s+");
            if (columns.length > 2 && columns[0].startsWith("[") && columns[1].equals(task)) {
                rows.add(line.strip());
            }
        }
        return rows;
    }

    private static Path awaitFirstMark(Path marks, ForkedJobrun runner) throws Exception {
        while (true) {
            try (Stream<Path> files = Files.list(marks)) {
                List<Path> done = files.filter(f -> !f.toString().endsWith(".tmp")).toList();
                if (!done.isEmpty()) {
                    return done.get(0);
                }
            }
            assertTrue(runner.process().isAlive(), () -> "the run ended first: " + runner.stdout() + runner.stderr());
            Thread.sleep(50); // polling a file the task writes; the test's timeout guards a hang
        }
    }

    private static ClusterMemberProcess memberWithJvm(long pid) {
        for (ClusterMemberProcess member : MEMBERS) {
            if (member.jvmPid() == pid) {
                return member;
            }
        }
        throw new AssertionError("'hold' runs under pid " + pid + ", which is none of the members' JVMs");
    }

    private static void assertAllGone(List<ProcessHandle> processes, String whose) throws Exception {
        for (ProcessHandle process : processes) {
            String what = process.info().commandLine().orElse("pid " + process.pid());
            try {
                process.onExit().get(60, TimeUnit.SECONDS);
            } catch (TimeoutException stillThere) {
                // said below
            }
            assertFalse(process.isAlive(), whose + " left " + what + " behind");
        }
    }
}
