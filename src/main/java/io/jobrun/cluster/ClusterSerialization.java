package io.jobrun.cluster;

import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * What Hazelcast may rebuild from bytes that arrive from the network, on members and runners alike: jobrun's
 * messages, read field by field, and otherwise only JDK and Hazelcast classes.
 *
 * <p>Why: Community Edition lets anyone who reaches a member send it objects (a task for any executor, a map entry).
 * Java serialization of an arbitrary class is the classic way to run code on the receiver, and Hazelcast's
 * zero-configuration Compact format would build an instance of any class on the class path, jobrun's own task
 * classes included (a shell body is one). Both are closed here; a jobrun task travels only inside a signed
 * {@link Submission} as bytes that the member reads after checking the signature.
 */
final class ClusterSerialization implements DataSerializableFactory {
    static final int FACTORY_ID = 0x4a52; // "JR"
    static final int SUBMISSION = 1;
    static final int ANSWER = 2;
    static final int PING = 3;

    @Override
    public IdentifiedDataSerializable create(int classId) {
        return switch (classId) {
            case SUBMISSION -> new Submission();
            case ANSWER -> new Answer();
            case PING -> new Ping();
            default -> null;
        };
    }

    /** Registers the messages and closes Java serialization and zero-config Compact to everything else. */
    static void secure(SerializationConfig config) {
        config.addDataSerializableFactory(FACTORY_ID, new ClusterSerialization());
        JavaSerializationFilterConfig java = new JavaSerializationFilterConfig();
        java.getWhitelist().addPrefixes("java.", "com.hazelcast.");
        config.setJavaSerializationFilterConfig(java);
        JavaSerializationFilterConfig compact = new JavaSerializationFilterConfig();
        compact.getBlacklist().addPrefixes(""); // NOTE: "" is a prefix of every class name: no zero-config class
        config.getCompactSerializationConfig().setZeroConfigFilter(compact);
    }
}
