package io.jobrun.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The Hazelcast configuration of jobrun's members and runners, in one place: private (TCP-IP join with the listed
 * addresses only, no multicast, no auto-detection, bound to one interface), quiet (no phone-home, no statistics or
 * metrics), and closed to foreign objects ({@link ClusterSerialization}).
 */
final class ClusterConfigs {
    /** The executor service that runs submissions on members. */
    static final String EXECUTOR = "jobrun";
    static final String DEFAULT_CLUSTER_NAME = "jobrun";
    static final String SLOTS = "jobrun.slots";
    static final String VERSION = "jobrun.version";
    static final String PID = "jobrun.pid";
    /**
     * Partitions hold only the code map, a few entries: 271 by default would cost every member start and every member
     * that joins or leaves the work of moving them. All members of a cluster must agree: it is this build's number.
     */
    private static final String PARTITIONS = "23";
    /** Unused code of past runs leaves the members' memory after a day. */
    private static final int CODE_MAX_IDLE_SECONDS = 24 * 3600;

    static {
        // NOTE: Hazelcast logs some things (the JVM flags it would like) through a logger it makes before it reads a
        // config, from this system property; without it they go to java.util.logging, unfiltered, on stderr.
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "slf4j");
        }
    }

    private ClusterConfigs() {
    }

    /** Properties members and clients share. */
    private static final Map<String, String> COMMON = Map.of(
            "hazelcast.phone.home.enabled", "false",
            "hazelcast.logging.type", "slf4j",
            "hazelcast.shutdownhook.enabled", "false");

    static Config member(MemberOptions options, MemberRuntime runtime) {
        Config config = new Config();
        config.setClusterName(options.clusterName());
        COMMON.forEach(config::setProperty);
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        config.setProperty("hazelcast.partition.count", PARTITIONS);
        config.getJetConfig().setEnabled(false);
        config.getMetricsConfig().setEnabled(false);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(options.port()).setPortAutoIncrement(options.portAutoIncrement());
        network.getInterfaces().setEnabled(true).addInterface(options.bindHost());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(options.join());
        // NOTE: a submission's thread only waits for the task on the member's own pool; some spare threads let a
        // second runner's submissions queue there rather than in Hazelcast.
        config.addExecutorConfig(new ExecutorConfig(EXECUTOR).setPoolSize(options.slots() + 2).setQueueCapacity(0)
                .setStatisticsEnabled(false));
        config.addMapConfig(new MapConfig(MemberRuntime.CODE_MAP).setMaxIdleSeconds(CODE_MAX_IDLE_SECONDS));
        config.getMemberAttributeConfig().setAttribute(SLOTS, Integer.toString(options.slots()))
                .setAttribute(VERSION, version())
                .setAttribute(PID, Long.toString(ProcessHandle.current().pid()));
        config.getUserContext().put(MemberRuntime.USER_CONTEXT_KEY, runtime);
        ClusterSerialization.secure(config.getSerializationConfig());
        return config;
    }

    static ClientConfig client(String clusterName, List<String> addresses) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        COMMON.forEach(config::setProperty);
        config.setProperty("hazelcast.client.statistics.enabled", "false");
        config.getMetricsConfig().setEnabled(false);
        // NOTE: backup acknowledgements concern map writes; without them a client registers no listener per connection
        config.setBackupAckToClientEnabled(false);
        config.getNetworkConfig().setAddresses(addresses);
        // NOTE: connect in the background: the runner queues tasks meanwhile and gives up after its member wait.
        config.getConnectionStrategyConfig().setAsyncStart(true)
                .setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ASYNC)
                .getConnectionRetryConfig().setClusterConnectTimeoutMillis(Long.MAX_VALUE).setMaxBackoffMillis(2000);
        ClusterSerialization.secure(config.getSerializationConfig());
        return config;
    }

    /** This build's version; members of another version are not sent work (their classes may differ). */
    static String version() {
        try (InputStream in = ClusterConfigs.class.getResourceAsStream("/io/jobrun/cli/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
