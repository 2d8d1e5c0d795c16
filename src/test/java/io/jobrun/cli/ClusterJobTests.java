package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each kind of body on a cluster executor, here on its embedded member: a closure runs on the member's pool with
 * the job file's methods, a shell task there with its process-tree kill at the time limit, a script there in its
 * sandbox; the report shows the statuses local pools give.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterJobTests {
    @Test
    void everyKindOfBodyRunsOnTheMemberWithTheLimitsItHasLocally() throws Exception {
        String marker = "300." + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L);
        CliRun run = CliRun.of("src/test/resources/jobs/cluster-bodies.groovy", "-p", "marker=" + marker);
        String report = run.stdout();
        assertEquals(0, run.exitCode(), () -> report + run.stderr());
        assertTrue(row(report, "closure").matches("\\[ok].* jobrun-member_\\d 42"), report);
        assertTrue(row(report, "shell").endsWith(" shell-ok"), report);
        assertTrue(row(report, "script").endsWith(" 42"), report);
        assertTrue(row(report, "sandboxed").startsWith("[FAILED]"), report);
        assertTrue(report.contains("cluster-bodies.groovy:12: JavaScript error: ReferenceError: Java is not defined"),
                () -> "no host classes in the member's sandbox either:\n" + report);
        assertTrue(row(report, "slow").startsWith("[TIMEOUT]"), report);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(marker))) {
            assertTrue(System.nanoTime() < deadline, "the timed-out shell task's sleep was left behind");
            Thread.sleep(10); // a killed process stays listed until it is reaped
        }
    }

    /** The summary row of {@code task}, stripped. */
    static String row(String report, String task) {
        for (String line : report.split("\n")) {
            String[] columns = line.strip().split("\\s+");
            if (columns.length > 1 && columns[1].equals(task)) {
                return line.strip();
            }
        }
        throw new AssertionError("no row for " + task + " in:\n" + report);
    }
}
