package io.jobrun.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.function.Consumer;

/**
 * A jobrun member: a Hazelcast member whose submissions run on jobrun's pools ({@link MemberRuntime}). Started by
 * {@code bin/jobrun member} on each machine of a cluster, or inside the runner as the embedded default.
 */
public final class ClusterMember implements AutoCloseable {
    private final HazelcastInstance instance;
    private final MemberRuntime runtime;
    private final int slots;

    private ClusterMember(HazelcastInstance instance, MemberRuntime runtime, int slots) {
        this.instance = instance;
        this.runtime = runtime;
        this.slots = slots;
    }

    /** Starts a member and returns once it has joined its cluster (or formed one). */
    public static ClusterMember start(MemberOptions options, ClusterSecret secret) {
        MemberRuntime runtime = new MemberRuntime(secret, options.slots());
        HazelcastInstance instance = Hazelcast.newHazelcastInstance(ClusterConfigs.member(options, runtime));
        return new ClusterMember(instance, runtime, options.slots());
    }

    /** "127.0.0.1:5701": how runners and other members reach this one. */
    public String address() {
        return describe(instance.getCluster().getLocalMember());
    }

    public int slots() {
        return slots;
    }

    public int clusterSize() {
        return instance.getCluster().getMembers().size();
    }

    /** Tells {@code log} in words when a member joins or leaves this member's cluster. */
    public void onMembershipChange(Consumer<String> log) {
        instance.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                log.accept("member " + describe(event.getMember()) + " joined; the cluster has "
                        + event.getMembers().size() + " members");
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                log.accept("member " + describe(event.getMember()) + " left; the cluster has "
                        + event.getMembers().size() + " members");
            }
        });
    }

    HazelcastInstance instance() {
        return instance;
    }

    static String describe(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }

    /**
     * Leaves the cluster at once: the runners resubmit what ran here. The tasks running here are stopped (their shell
     * trees and this member's worker JVMs killed), nothing else of this JVM: {@code bin/jobrun member}, which owns
     * its JVM, ends the rest itself.
     */
    @Override
    public void close() {
        runtime.close();
        instance.getLifecycleService().terminate();
    }
}
