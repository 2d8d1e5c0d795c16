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
 * One dispatch to a member, of one task or of a batch of small ones that run there one after another: a reference
 * to the run's code (its key in the cluster's code map), each task serialized with its own time limit, the pool to
 * run them on, and who sent it, all under one HMAC. It carries no class of its own beyond this one: Hazelcast reads
 * it field by field ({@link IdentifiedDataSerializable}), never with Java serialization, and the member reads the
 * payloads only after the HMAC checked.
 *
 * <p>{@code session} and {@code counter} name the submission uniquely (a runner's random session id and the number
 * of its dispatch), so that a member can refuse one it has already run; {@code issuedAt} lets it refuse an old one.
 */
final class Submission implements Callable<Answer>, IdentifiedDataSerializable, HazelcastInstanceAware {
    /** The most tasks one submission may carry; more is refused unread, so a stranger cannot make a member allocate. */
    static final int MAX_TASKS = 1024;
    private static final byte[] DOMAIN = {'J', 'R', 'S', '2'};

    long sessionHigh;
    long sessionLow;
    long counter;
    long issuedAtMillis;
    /** The SHA-256 of the run's code in the code map, or "" when the tasks need no code of the job file. */
    String codeKey;
    /** The {@link MemberPool} to run on, by ordinal. */
    int pool;
    /** Per task: nanoseconds, or -1 for no limit. */
    long[] timeLimitsNanos;
    /** Per task: the task, serialized. */
    byte[][] payloads;
    byte[] signature;
    /** Set by Hazelcast on the member before {@link #call()}. */
    private transient HazelcastInstance instance;

    /** For Hazelcast's factory. */
    Submission() {
    }

    static Submission signed(ClusterSecret secret, SessionId session, long counter, long issuedAtMillis,
                             String codeKey, MemberPool pool, long[] timeLimitsNanos, byte[][] payloads) {
        if (payloads.length == 0 || payloads.length > MAX_TASKS || timeLimitsNanos.length != payloads.length) {
            throw new IllegalArgumentException("a submission carries 1 to " + MAX_TASKS + " tasks, each with its "
                    + "time limit; got " + payloads.length + " and " + timeLimitsNanos.length);
        }
        Submission submission = new Submission();
        submission.sessionHigh = session.high();
        submission.sessionLow = session.low();
        submission.counter = counter;
        submission.issuedAtMillis = issuedAtMillis;
        submission.codeKey = codeKey == null ? "" : codeKey;
        submission.pool = pool.ordinal();
        submission.timeLimitsNanos = timeLimitsNanos;
        submission.payloads = payloads;
        submission.signature = secret.sign(submission.signed());
        return submission;
    }

    /** A submission of one task. */
    static Submission signed(ClusterSecret secret, SessionId session, long counter, long issuedAtMillis,
                             String codeKey, long timeLimitNanos, MemberPool pool, byte[] payload) {
        return signed(secret, session, counter, issuedAtMillis, codeKey, pool, new long[] {timeLimitNanos},
                new byte[][] {payload});
    }

    boolean signedWith(ClusterSecret secret) {
        if (payloads == null || timeLimitsNanos == null || payloads.length != timeLimitsNanos.length) {
            return false;
        }
        for (byte[] payload : payloads) {
            if (payload == null) {
                return false;
            }
        }
        return secret.verify(signature, signed());
    }

    int size() {
        return payloads.length;
    }

    /** The pool it asks for, or null for one this member does not know (a runner of another jobrun version). */
    MemberPool pool() {
        return pool >= 0 && pool < MemberPool.values().length ? MemberPool.values()[pool] : null;
    }

    SessionId session() {
        return new SessionId(sessionHigh, sessionLow);
    }

    /** What the HMAC covers: a header with every other field and each payload's length, then the payloads. */
    private byte[][] signed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96 + 12 * payloads.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(DOMAIN);
            out.writeLong(sessionHigh);
            out.writeLong(sessionLow);
            out.writeLong(counter);
            out.writeLong(issuedAtMillis);
            out.writeUTF(codeKey);
            out.writeInt(pool);
            out.writeInt(payloads.length);
            for (int i = 0; i < payloads.length; i++) {
                out.writeLong(timeLimitsNanos[i]);
                out.writeInt(payloads[i].length);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        byte[][] parts = new byte[payloads.length + 1][];
        parts[0] = bytes.toByteArray();
        System.arraycopy(payloads, 0, parts, 1, payloads.length);
        return parts;
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
        return runtime.run(this, instance);
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
        out.writeInt(pool);
        out.writeLongArray(timeLimitsNanos);
        for (byte[] payload : payloads) {
            out.writeByteArray(payload);
        }
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
        pool = in.readInt();
        timeLimitsNanos = in.readLongArray();
        if (timeLimitsNanos == null || timeLimitsNanos.length == 0 || timeLimitsNanos.length > MAX_TASKS) {
            throw new IOException("a submission of " + (timeLimitsNanos == null ? 0 : timeLimitsNanos.length)
                    + " tasks");
        }
        payloads = new byte[timeLimitsNanos.length][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = in.readByteArray();
        }
        signature = in.readByteArray();
    }
}
