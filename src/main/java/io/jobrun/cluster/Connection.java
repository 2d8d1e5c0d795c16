package io.jobrun.cluster;

import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;

/**
 * How a {@link ClusterExecutor} reaches its members, and whether it owns what it opened: a member of its own
 * inside this JVM (the embedded default), a client of a cluster elsewhere, or a member someone else started.
 */
abstract class Connection {
    /**
     * Opens the instance, with {@code listener} hearing of every member from the first on; blocks for seconds (a
     * member starts), so it runs off the caller.
     */
    abstract HazelcastInstance open(MembershipListener listener);

    /** Releases what {@link #open} made, if this connection owns it. */
    abstract void close();

    /** "the cluster at 10.0.0.5:5701", for messages. */
    abstract String describe();

    /**
     * Whether the members are elsewhere, so that while {@link #open} waits, tasks wait for a member (and give up after
     * the member wait); a member that starts here will come, however long it takes.
     */
    boolean remote() {
        return false;
    }

    /** Starts a private member of its own: loopback only, a random cluster name, nobody to join. */
    static Connection embedded(int slots, ClusterSecret secret) {
        return new Connection() {
            private ClusterMember member;

            @Override
            HazelcastInstance open(MembershipListener listener) {
                member = ClusterMember.start(MemberOptions.loopback(slots, "jobrun-" + SessionId.random().high()),
                        secret);
                member.instance().getCluster().addMembershipListener(listener);
                return member.instance();
            }

            @Override
            void close() {
                if (member != null) {
                    member.close();
                }
            }

            @Override
            String describe() {
                return "the embedded member" + (member == null ? "" : " " + member.address());
            }
        };
    }

    /**
     * A Hazelcast client of the cluster at {@code addresses}, or the one started for it early ({@link
     * ClusterExecutor#preconnect}); the runner never becomes a member itself. Opening waits until the client is
     * connected: before that, it refuses every call.
     */
    static Connection client(List<String> addresses, String clusterName) {
        return new Connection() {
            private final ClientStart start = ClientStart.take(clusterName, addresses);

            @Override
            HazelcastInstance open(MembershipListener listener) {
                try {
                    // NOTE: close() ends the wait when the executor is done before a connection
                    return start.await(listener);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClusterException("interrupted while connecting to " + describe(), e);
                }
            }

            @Override
            void close() {
                start.close();
            }

            @Override
            String describe() {
                return "the cluster at " + String.join(", ", addresses);
            }

            @Override
            boolean remote() {
                return true;
            }
        };
    }

    /** A member started by someone else, who also stops it. */
    static Connection shared(ClusterMember member) {
        return new Connection() {
            @Override
            HazelcastInstance open(MembershipListener listener) {
                member.instance().getCluster().addMembershipListener(listener);
                return member.instance();
            }

            @Override
            void close() {
            }

            @Override
            String describe() {
                return "member " + member.address();
            }
        };
    }
}
