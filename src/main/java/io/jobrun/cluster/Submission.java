package io.jobrun.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/**
 * One attempt of one task as it travels to a member: a reference to the run's code (its key in the cluster's code
 * map), the task serialized, its time limit, and who sent it, all under one HMAC. It carries no class of its own
 * beyond this one: Hazelcast reads it field by field ({@link IdentifiedDataSerializable}), never with Java
 * serialization, and the member reads the payload only after the HMAC checked.
 *
 * <p>{@code session} and {@code counter} name the submission uniquely (a runner's random session id and the number
 * of its dispatch), so that a member can refuse one it has already run; {@code issuedAt} lets it refuse an old one.
 */
final class Submission implements Callable<Answer>, IdentifiedDataSerializable, HazelcastInstanceAware {
    private static final byte[] DOMAIN = {'J', 'R', 'S', '1'};

    long sessionHigh;
    long sessionLow;
    long counter;
    long issuedAtMillis;
    /** The SHA-256 of the run's code in the code map, or "" when the task needs no code of the job file. */
    String codeKey;
    /** Nanoseconds, or -1 for no limit. */
    long timeLimitNanos;
    /** The {@link MemberPool} to run on, by ordinal. */
    int pool;
    byte[] payload;
    byte[] signature;
    /** Set by Hazelcast on the member before {@link #call()}. */
    private transient HazelcastInstance instance;

    /** For Hazelcast's factory. */
    Submission() {
    }

    static Submission signed(ClusterSecret secret, SessionId session, long counter, long issuedAtMillis,
                             String codeKey, long timeLimitNanos, MemberPool pool, byte[] payload) {
        Submission submission = new Submission();
        submission.sessionHigh = session.high();
        submission.sessionLow = session.low();
        submission.counter = counter;
        submission.issuedAtMillis = issuedAtMillis;
        submission.codeKey = codeKey == null ? "" : codeKey;
        submission.timeLimitNanos = timeLimitNanos;
        submission.pool = pool.ordinal();
        submission.payload = payload;
        submission.signature = secret.sign(submission.header(), payload);
        return submission;
    }

    boolean signedWith(ClusterSecret secret) {
        return payload != null && secret.verify(signature, header(), payload);
    }

    /** The pool it asks for, or null for one this member does not know (a runner of another jobrun version). */
    MemberPool pool() {
        return pool >= 0 && pool < MemberPool.values().length ? MemberPool.values()[pool] : null;
    }

    SessionId session() {
        return new SessionId(sessionHigh, sessionLow);
    }

    /** What the HMAC covers besides the payload: every other field, in a fixed order. */
    private byte[] header() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(DOMAIN);
            out.writeLong(sessionHigh);
            out.writeLong(sessionLow);
            out.writeLong(counter);
            out.writeLong(issuedAtMillis);
            out.writeUTF(codeKey);
            out.writeLong(timeLimitNanos);
            out.writeInt(pool);
            out.writeInt(payload == null ? -1 : payload.length);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.instance = instance;
    }

    /** On the member: hands the submission to jobrun's runtime there, or refuses it on a member without one. */
    @Override
    public Answer call() {
        MemberRuntime runtime = MemberRuntime.of(instance);
        if (runtime == null) {
            return Answer.refused(this, "this Hazelcast member is not a jobrun member");
        }
        return runtime.run(this);
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.SUBMISSION;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(sessionHigh);
        out.writeLong(sessionLow);
        out.writeLong(counter);
        out.writeLong(issuedAtMillis);
        out.writeString(codeKey);
        out.writeLong(timeLimitNanos);
        out.writeInt(pool);
        out.writeByteArray(payload);
        out.writeByteArray(signature);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        sessionHigh = in.readLong();
        sessionLow = in.readLong();
        counter = in.readLong();
        issuedAtMillis = in.readLong();
        codeKey = in.readString();
        if (codeKey == null) {
            codeKey = "";
        }
        timeLimitNanos = in.readLong();
        pool = in.readInt();
        payload = in.readByteArray();
        signature = in.readByteArray();
    }
}
