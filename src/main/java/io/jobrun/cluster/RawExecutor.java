package io.jobrun.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Hazelcast's own executor service on the members of a jobrun cluster, with nothing of jobrun on it: no signature,
 * no task serialized in a task, no queue here, no pool on the member. What {@code bin/bench cluster} measures the
 * cluster executor against, over the same members and the same executor service.
 */
public final class RawExecutor implements AutoCloseable {
    private final HazelcastInstance client;
    private final IExecutorService executor;
    /** The members, in the order the cluster lists them, once it has as many as asked for. */
    private final List<Member> members;

    private RawExecutor(HazelcastInstance client, int size) throws InterruptedException {
        this.client = client;
        this.executor = client.getExecutorService(ClusterConfigs.EXECUTOR);
        while (client.getCluster().getMembers().size() < size) {
            Thread.sleep(20); // the client learns the members after it connects
        }
        this.members = new ArrayList<>(client.getCluster().getMembers());
    }

    /** A client of the cluster at {@code addresses}, once connected and aware of {@code size} members. */
    public static RawExecutor connect(List<String> addresses, int size) throws InterruptedException {
        ClientConfig config = ClusterConfigs.client(ClusterConfigs.DEFAULT_CLUSTER_NAME, addresses);
        config.getConnectionStrategyConfig().setAsyncStart(false);
        return new RawExecutor(HazelcastClient.newHazelcastClient(config), size);
    }

    public int members() {
        return members.size();
    }

    /** One round trip to member {@code member} (an index): the value back. */
    public long ping(int member, long value) throws InterruptedException, ExecutionException {
        return executor.submitToMember(new Ping(value), members.get(member)).get();
    }

    /** {@code count} round trips sent at once, to the members in turn; returns the sum of the answers. */
    public long pingAll(int count) throws InterruptedException, ExecutionException {
        List<Future<Long>> answers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            answers.add(executor.submitToMember(new Ping(i), members.get(i % members.size())));
        }
        long sum = 0;
        for (Future<Long> answer : answers) {
            sum += answer.get();
        }
        return sum;
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
