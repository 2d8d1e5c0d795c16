package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.core.HazelcastInstance;
import io.jobrun.cluster.ClusterMember;
import io.jobrun.cluster.ClusterSecret;
import io.jobrun.cluster.MemberOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose member leaves while two of its tasks run there: the task marked {@code once: true} ends failed, lost
 * with its member and not run again, and says so; the other one runs again on the member that stays. The members
 * are in this JVM (the runner too), on 127.0.0.1.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterOnceTests {
    private static final String SECRET = "0123456789abcdef0123456789";

    @TempDir
    Path dir;

    @Test
    void aOnceTaskLostWithItsMemberFailsAndAnotherRunsAgainElsewhereInGroovy() throws Exception {
        loseTheMemberOf("src/test/resources/jobs/cluster-once.groovy");
    }

    @Test
    void aOnceTaskLostWithItsMemberFailsAndAnotherRunsAgainElsewhereInYaml() throws Exception {
        loseTheMemberOf("src/test/resources/jobs/cluster-once.yaml");
    }

    private void loseTheMemberOf(String job) throws Exception {
        ClusterSecret secret = ClusterSecret.of(SECRET);
        Path marks = Files.createDirectories(dir.resolve("marks"));
        Path gate = dir.resolve("gate");
        try (ClusterMember first = ClusterMember.start(MemberOptions.loopback(2, "jobrun"), secret)) {
            String leaves = first.address();
            CompletableFuture<CliRun> running = CompletableFuture.supplyAsync(() -> CliRun.with(CliRun.PLAIN,
                    Map.of("JOBRUN_CLUSTER_SECRET", SECRET), job, "--no-emoji", "--cluster", leaves,
                    "-p", "marks=" + marks, "-p", "gate=" + gate));
            // both tasks run on the only member there is
            awaitFile(marks.resolve("deploy"), running);
            awaitFile(marks.resolve("build"), running);
            try (ClusterMember stays = ClusterMember.start(new MemberOptions("127.0.0.1", 0, false, List.of(leaves),
                    2, "jobrun"), secret)) {
                awaitClientSees(leaves, 2);
                first.close();
                Files.createFile(gate);
                CliRun run = running.get(2, TimeUnit.MINUTES);
                String report = run.stdout();
                assertEquals(1, run.exitCode(), () -> report + run.stderr());
                assertTrue(ClusterJobTests.row(report, "build").startsWith("[ok]"), report);
                assertTrue(ClusterJobTests.row(report, "build").endsWith(" built"), report);
                assertEquals(List.of("Lost with a member: build: attempt 2 on " + stays.address() + " after "
                        + leaves + " left"), report.lines().filter(line -> line.startsWith("Lost with a member:"))
                        .toList(), report);
                assertEquals("2", ClusterJobTests.row(report, "build").split("\\s+")[4], report);
                assertTrue(ClusterJobTests.row(report, "deploy").startsWith("[FAILED]"), report);
                assertTrue(report.contains("member " + leaves + " left while the task ran; it was not run again, as "
                        + "it must run at most once"), report);
            }
        }
    }

    private static void awaitFile(Path file, CompletableFuture<CliRun> running) throws Exception {
        while (!Files.exists(file)) {
            if (running.isDone()) {
                throw new AssertionError("the run ended first: " + running.get().stdout() + running.get().stderr());
            }
            Thread.sleep(20); // polling a file a shell task writes; the class's timeout guards a hang
        }
    }

    /** Waits until the run's client knows {@code size} members, so that it can reach the one that stays. */
    private static void awaitClientSees(String address, int size) throws InterruptedException {
        while (true) {
            for (HazelcastInstance client : HazelcastClient.getAllHazelcastClients()) {
                if (((HazelcastClientProxy) client).getClientConfig().getNetworkConfig().getAddresses()
                        .contains(address) && client.getCluster().getMembers().size() == size) {
                    return;
                }
            }
            Thread.sleep(20);
        }
    }
}
