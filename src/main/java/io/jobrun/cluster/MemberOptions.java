package io.jobrun.cluster;

import java.util.List;

/**
 * How a member starts: {@code bin/jobrun member --bind 10.0.0.5:5701 --join 10.0.0.6:5701 --slots 8}.
 *
 * @param bindHost          the one interface it listens on and talks from (an IP address)
 * @param port              its port; 0 for one the system picks
 * @param portAutoIncrement whether the next free port above {@code port} will do (several members on one host)
 * @param join              addresses of other members ("host:port") to form a cluster with; empty for a first one
 * @param slots             at most this many tasks run on it at once
 * @param clusterName       members and runners with the same name form one cluster
 */
public record MemberOptions(String bindHost, int port, boolean portAutoIncrement, List<String> join, int slots,
                            String clusterName) {
    public static final int DEFAULT_PORT = 5701;

    public MemberOptions {
        join = List.copyOf(join);
        if (slots < 1) {
            throw new IllegalArgumentException("a member needs at least 1 slot, got " + slots);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
    }

    /** A private member on 127.0.0.1 with a port the system picks, alone: the embedded default and tests. */
    public static MemberOptions loopback(int slots, String clusterName) {
        return new MemberOptions("127.0.0.1", 0, false, List.of(), slots, clusterName);
    }
}
