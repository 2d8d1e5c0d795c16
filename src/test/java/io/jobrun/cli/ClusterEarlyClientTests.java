package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import io.jobrun.cluster.ClusterMember;
import io.jobrun.cluster.ClusterSecret;
import io.jobrun.cluster.MemberOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With {@code --cluster}, the run's client starts connecting before the job file is read, so that connecting and
 * compiling overlap, and it is gone after the run.
 */
@Timeout(120)
class ClusterEarlyClientTests {
    private static final String JOB = "src/test/resources/jobs/cluster-early-client.groovy";
    private static final String SECRET = "0123456789abcdef0123";

    @Test
    void theClientOfTheClusterFlagExistsWhileTheJobFileIsRead() {
        try (ClusterMember member = ClusterMember.start(MemberOptions.loopback(1, "jobrun"),
                ClusterSecret.of(SECRET))) {
            CliRun run = CliRun.with(CliRun.PLAIN, Map.of("JOBRUN_CLUSTER_SECRET", SECRET), JOB, "--no-emoji",
                    "-p", "member=" + member.address(), "--cluster", member.address());
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stdout().contains("clients while the file was read: 1"), run.stdout());
            assertEquals(0, clientsOf(member.address()), "the run's client is gone");
        }
    }

    private static long clientsOf(String address) {
        return HazelcastClient.getAllHazelcastClients().stream().filter(client -> ((HazelcastClientProxy) client)
                .getClientConfig().getNetworkConfig().getAddresses().contains(address)).count();
    }
}
