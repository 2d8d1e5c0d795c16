package io.jobrun.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.InitialMembershipEvent;
import com.hazelcast.cluster.InitialMembershipListener;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A Hazelcast client starting in the background, possibly before the executor that will use it exists: {@code
 * --cluster} names the cluster before the job file is read, so the client loads and connects while the file compiles.
 * It hears the members from its first moment (a listener in its config: a client that starts in the background
 * refuses every call until it is connected, adding a listener included) and passes them on to whoever attaches.
 */
final class ClientStart implements InitialMembershipListener {
    /** Clients started ahead of their executor, by cluster name and addresses; an executor takes its one out. */
    private static final Map<List<String>, ClientStart> EARLY = new ConcurrentHashMap<>();

    private final CompletableFuture<HazelcastInstance> client = new CompletableFuture<>();
    private final CountDownLatch connected = new CountDownLatch(1);
    /** The members as last heard, by uuid. Guarded by this. */
    private final Map<UUID, Member> members = new LinkedHashMap<>();
    /** Guarded by this. */
    private Cluster cluster;
    /** Who hears of the members from now on, or null. Guarded by this. */
    private MembershipListener listener;

    private ClientStart() {
    }

    /** Starts a client of the cluster {@code clusterName} at {@code addresses} on a thread of its own. */
    static ClientStart begin(String clusterName, List<String> addresses) {
        ClientStart start = new ClientStart();
        Thread.ofPlatform().daemon().name("jobrun-cluster-client").start(() -> start.open(clusterName, addresses));
        return start;
    }

    /**
     * Starts a client now for the first executor that connects to the same cluster; the returned action shuts it
     * down unless an executor took it.
     */
    static Runnable early(String clusterName, List<String> addresses) {
        List<String> key = key(clusterName, addresses);
        ClientStart start = begin(clusterName, addresses);
        ClientStart before = EARLY.put(key, start);
        if (before != null) {
            before.close();
        }
        return () -> {
            if (EARLY.remove(key, start)) {
                start.close();
            }
        };
    }

    /** The client started early for this cluster, which the caller now owns, or a new one. */
    static ClientStart take(String clusterName, List<String> addresses) {
        ClientStart early = EARLY.remove(key(clusterName, addresses));
        return early != null ? early : begin(clusterName, addresses);
    }

    private static List<String> key(String clusterName, List<String> addresses) {
        List<String> key = new java.util.ArrayList<>(List.of(clusterName));
        key.addAll(addresses);
        return key;
    }

    private void open(String clusterName, List<String> addresses) {
        try {
            ClientConfig config = ClusterConfigs.client(clusterName, addresses);
            config.addListenerConfig(new ListenerConfig(this));
            config.addListenerConfig(new ListenerConfig((LifecycleListener) event -> {
                if (event.getState() == LifecycleEvent.LifecycleState.CLIENT_CONNECTED) {
                    connected.countDown();
                }
            }));
            client.complete(HazelcastClient.newHazelcastClient(config));
        } catch (Throwable failed) {
            client.completeExceptionally(failed);
            connected.countDown();
        }
    }

    /**
     * The client once it is connected; {@code listener} hears of every member from now on, starting with those the
     * client knows. Blocks until the client is connected or closed.
     */
    HazelcastInstance await(MembershipListener listener) throws InterruptedException {
        synchronized (this) {
            this.listener = listener;
            if (cluster != null) {
                Set<Member> known = Set.copyOf(members.values());
                if (listener instanceof InitialMembershipListener initial) {
                    initial.init(new InitialMembershipEvent(cluster, known));
                } else {
                    for (Member member : known) {
                        listener.memberAdded(new MembershipEvent(cluster, member, MembershipEvent.MEMBER_ADDED,
                                known));
                    }
                }
            }
        }
        connected.await();
        return client.join();
    }

    /** Shuts the client down, now or once it exists, and ends a wait for its connection. */
    void close() {
        client.whenComplete((instance, failed) -> {
            if (instance != null) {
                instance.shutdown();
            }
        });
        connected.countDown();
    }

    @Override
    public synchronized void init(InitialMembershipEvent event) {
        cluster = event.getCluster();
        members.clear();
        event.getMembers().forEach(member -> members.put(member.getUuid(), member));
        if (listener instanceof InitialMembershipListener initial) {
            initial.init(event);
        } else if (listener != null) {
            event.getMembers().forEach(member -> listener.memberAdded(new MembershipEvent(cluster, member,
                    MembershipEvent.MEMBER_ADDED, event.getMembers())));
        }
    }

    @Override
    public synchronized void memberAdded(MembershipEvent event) {
        cluster = event.getCluster();
        members.put(event.getMember().getUuid(), event.getMember());
        if (listener != null) {
            listener.memberAdded(event);
        }
    }

    @Override
    public synchronized void memberRemoved(MembershipEvent event) {
        cluster = event.getCluster();
        members.remove(event.getMember().getUuid());
        if (listener != null) {
            listener.memberRemoved(event);
        }
    }
}
