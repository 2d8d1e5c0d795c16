package io.jobrun.futures;

import io.jobrun.cluster.ClusterExecutor;
import io.jobrun.cluster.ClusterMember;
import io.jobrun.cluster.ClusterSecret;
import io.jobrun.cluster.MemberOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The executor contract, run against the cluster executor on a member in this JVM: every task crosses Hazelcast as a
 * signed submission, runs on the member's own pool and comes back as a signed answer. One member serves the class (a
 * member takes seconds to start); each test's executor holds at most its own slots on it.
 */
class ClusterExecutorContractTests extends ExecutorContract {
    private static final ClusterSecret SECRET = ClusterSecret.random();
    private static ClusterMember member;

    @BeforeAll
    static void startMember() {
        member = ClusterMember.start(MemberOptions.loopback(64, "contract-" + System.nanoTime()), SECRET);
    }

    @AfterAll
    static void stopMember() {
        member.close();
    }

    @Override
    protected Executor newExecutor(int maxWorkers) {
        return ClusterExecutor.onMember(member, SECRET, ClusterExecutor.Options.of(maxWorkers));
    }
}
