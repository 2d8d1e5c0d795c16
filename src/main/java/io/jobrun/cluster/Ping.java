package io.jobrun.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * The smallest call a member answers: its number back, unsigned, since it runs no code and reads nothing but a
 * long. It is Hazelcast's executor with nothing of jobrun on it: the baseline of {@code bin/bench cluster}.
 */
final class Ping implements Callable<Long>, IdentifiedDataSerializable {
    private long value;

    /** For Hazelcast's factory. */
    Ping() {
    }

    Ping(long value) {
        this.value = value;
    }

    @Override
    public Long call() {
        return value;
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.PING;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(value);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        value = in.readLong();
    }
}
