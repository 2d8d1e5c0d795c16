package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --cluster ADDRESS} and JOBRUN_CLUSTER point every cluster executor of a run at one cluster, over the
 * members the file names. No member listens at the addresses used here, so the tasks fail after the file's member
 * wait (1s), saying where they looked.
 */
@Timeout(120)
class ClusterSettingTests {
    private static final String JOB = "src/test/resources/jobs/cluster-members.groovy";
    private static final Map<String, String> SECRET = Map.of("JOBRUN_CLUSTER_SECRET", "0123456789abcdef0123");

    @Test
    void theFileMembersAreWhereTheTasksGoWithoutASetting() {
        CliRun run = CliRun.with(CliRun.PLAIN, SECRET, JOB, "--no-emoji");
        assertEquals(1, run.exitCode(), run.stdout());
        assertTrue(run.stdout().contains("no cluster member for 1s (the cluster at 127.0.0.1:9)"), run.stdout());
    }

    @Test
    void aYamlFileGivesTheMemberWaitAfterWhichTasksFailSayingSo() {
        CliRun run = CliRun.with(CliRun.PLAIN, SECRET, "src/test/resources/jobs/cluster-members.yaml", "--no-emoji");
        assertEquals(1, run.exitCode(), run.stdout());
        assertTrue(run.stdout().contains("no cluster member for 1s (the cluster at 127.0.0.1:9); the task did not run"),
                run.stdout());
    }

    @Test
    void theClusterFlagPointsEveryClusterExecutorAtItsAddresses() {
        CliRun run = CliRun.with(CliRun.PLAIN, SECRET, JOB, "--cluster", "127.0.0.1:7", "--cluster", "127.0.0.1:8");
        assertEquals(1, run.exitCode(), run.stdout());
        assertTrue(run.stdout().contains("no cluster member for 1s (the cluster at 127.0.0.1:7, 127.0.0.1:8)"),
                run.stdout());
    }

    @Test
    void theEnvironmentVariablePointsThereWhenTheFlagIsNotGiven() {
        Map<String, String> environment = Map.of("JOBRUN_CLUSTER_SECRET", "0123456789abcdef0123", "JOBRUN_CLUSTER",
                "127.0.0.1:6");
        CliRun run = CliRun.with(CliRun.PLAIN, environment, JOB);
        assertTrue(run.stdout().contains("(the cluster at 127.0.0.1:6)"), run.stdout());
        CliRun flagWins = CliRun.with(CliRun.PLAIN, environment, JOB, "--cluster", "127.0.0.1:7");
        assertTrue(flagWins.stdout().contains("(the cluster at 127.0.0.1:7)"), flagWins.stdout());
    }

    @Test
    void aMalformedClusterAddressIsAUsageError() {
        CliRun run = CliRun.with(CliRun.PLAIN, SECRET, JOB, "--cluster", "somewhere");
        assertEquals(2, run.exitCode());
        assertEquals("jobrun: --cluster (or JOBRUN_CLUSTER): a member's address is HOST:PORT, such as 10.0.0.5:5701;"
                + " got 'somewhere'\n" + Help.USAGE + "\nRun 'bin/jobrun --help' for more.\n", run.stderr());
        assertEquals("jobrun: --cluster needs ADDRESS\n" + Help.USAGE + "\nRun 'bin/jobrun --help' for more.\n",
                CliRun.of(JOB, "--cluster").stderr());
    }

    @Test
    void aClusterWithoutItsSecretIsRejectedBeforeAnythingRuns() {
        CliRun run = CliRun.with(CliRun.PLAIN, Map.of(), JOB, "--cluster", "127.0.0.1:7");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("cluster-members.groovy:2:18: executor 'grid': a cluster needs its shared "
                + "secret: set JOBRUN_CLUSTER_SECRET"), run.stderr());
        assertEquals("", run.stdout());
    }
}
