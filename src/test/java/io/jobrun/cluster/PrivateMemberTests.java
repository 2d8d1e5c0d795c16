package io.jobrun.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.instance.impl.Node;
import com.hazelcast.internal.cluster.impl.TcpIpJoiner;
import com.hazelcast.internal.util.phonehome.PhoneHome;
import com.hazelcast.spi.properties.ClusterProperty;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member keeps to itself: no phone-home, no multicast, no auto-detection, and it listens on its one interface
 * only. Read from the running member's effective settings (what Hazelcast itself consults), not from our config
 * builder, so a default that changes in a new Hazelcast version shows here.
 */
class PrivateMemberTests {
    private static ClusterMember member;
    private static Node node;

    @BeforeAll
    static void startMember() {
        member = ClusterMember.start(MemberOptions.loopback(1, "private-" + SessionId.random().high()),
                ClusterSecret.random());
        node = ((HazelcastInstanceProxy) member.instance()).getOriginal().node;
    }

    @AfterAll
    static void stopMember() {
        member.close();
    }

    @Test
    void phoneHomeIsOffWhateverTheEnvironmentSays() {
        assertFalse(PhoneHome.isPhoneHomeEnabled(node));
        assertFalse(node.getProperties().getBoolean(ClusterProperty.PHONE_HOME_ENABLED));
    }

    @Test
    void multicastAndAutoDetectionAreOffAndTheMemberJoinsOnlyByTheListedAddresses() {
        var join = node.getConfig().getNetworkConfig().getJoin();
        assertFalse(join.getMulticastConfig().isEnabled());
        assertFalse(join.getAutoDetectionConfig().isEnabled());
        assertFalse(node.shouldUseMulticastJoiner(join));
        assertNull(node.multicastService, "no multicast socket is opened");
        assertInstanceOf(TcpIpJoiner.class, node.getJoiner());
    }

    @Test
    void theMemberListensOnItsInterfaceOnly() throws IOException {
        assertFalse(node.getProperties().getBoolean(ClusterProperty.SOCKET_BIND_ANY));
        assertEquals("127.0.0.1", node.getThisAddress().getHost());
        int port = node.getThisAddress().getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000); // the control: it does listen there
        }
        InetAddress other = otherInterface().orElse(null);
        Assumptions.assumeTrue(other != null, "this machine has no interface besides loopback");
        assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(other, port), 5000);
            }
        }, "the member's port answers on " + other);
    }

    private static Optional<InetAddress> otherInterface() throws SocketException {
        for (NetworkInterface network : List.copyOf(NetworkInterface.networkInterfaces().toList())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : network.inetAddresses().toList()) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
