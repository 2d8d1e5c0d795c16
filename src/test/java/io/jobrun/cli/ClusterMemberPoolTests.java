package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code memberPool: 'processes'} (YAML {@code member_pool: processes}): a task on a cluster executor runs in a worker
 * JVM of its member instead of on the member's threads, with its time limit killing that worker. The member here is
 * the embedded one, inside this test's JVM, so a task on its threads runs in this process and one in its worker JVMs
 * does not.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterMemberPoolTests {
    private static final long HERE = ProcessHandle.current().pid();

    @Test
    void aTaskThatAsksForProcessesRunsInAWorkerJvmOfItsMemberInGroovy() throws Exception {
        String report = runsInWorkerJvms("src/test/resources/jobs/cluster-member-pools.groovy");
        String closure = row(report, "closure");
        assertTrue(closure.endsWith(" 42"), "the job file's methods are there too\n" + report);
        String[] words = closure.split("\\s+");
        assertNotEquals(String.valueOf(HERE), words[words.length - 2], report);
    }

    @Test
    void aTaskThatAsksForProcessesRunsInAWorkerJvmOfItsMemberInYaml() throws Exception {
        runsInWorkerJvms("src/test/resources/jobs/cluster-member-pools.yaml");
    }

    /** Runs {@code job}, checks where its tasks ran and that the slow one was stopped, and returns the report. */
    private static String runsInWorkerJvms(String job) throws InterruptedException {
        CliRun run = CliRun.of(job, "--no-emoji");
        String report = run.stdout();
        assertEquals(0, run.exitCode(), () -> report + run.stderr());
        assertEquals(HERE, lastNumber(row(report, "threads")), "threads: the member's own JVM\n" + report);
        long worker = lastNumber(row(report, "processes"));
        assertNotEquals(HERE, worker, "processes: a worker JVM of the member\n" + report);
        assertTrue(row(report, "slow").startsWith("[TIMEOUT]"), report);
        awaitGone(worker);
        return report;
    }

    /** The worker JVMs end with the run: the embedded member kills them as it stops. */
    private static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertFalse(System.nanoTime() > deadline, "worker JVM " + pid + " outlived the run");
            Thread.sleep(10); // a killed process stays listed until it is reaped
        }
    }

    private static String row(String report, String task) {
        return ClusterJobTests.row(report, task);
    }

    private static long lastNumber(String row) {
        String[] words = row.split("\\s+");
        return Long.parseLong(words[words.length - 1]);
    }
}
