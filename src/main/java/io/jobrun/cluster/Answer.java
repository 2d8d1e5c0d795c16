package io.jobrun.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A member's answer to one {@link Submission}: each task's value or exception (in the worker protocol's encoding), in
 * the submission's order, signed like the submission and bound to it by its session and counter, so that the runner
 * can tell a real answer from one made up by a stranger. A refusal (bad signature, replay) cannot be signed, since
 * the member may not share the runner's secret; it only ever fails the tasks, with the member's reason.
 */
final class Answer implements IdentifiedDataSerializable {
    enum Kind { VALUE, ERROR, REFUSED }

    private static final byte[] DOMAIN = {'J', 'R', 'A', '2'};

    long sessionHigh;
    long sessionLow;
    long counter;
    /** Per task, a {@link Kind}'s ordinal; a refusal has one, REFUSED, for the whole submission. */
    byte[] kinds;
    /** Per task. VALUE: {@code RemoteOutcomes.value}; ERROR: {@code RemoteOutcomes.error}; REFUSED: the reason. */
    byte[][] bodies;
    /** Null for a refusal. */
    byte[] signature;

    /** For Hazelcast's factory. */
    Answer() {
    }

    private Answer(Submission to, byte[] kinds, byte[][] bodies) {
        this.sessionHigh = to.sessionHigh;
        this.sessionLow = to.sessionLow;
        this.counter = to.counter;
        this.kinds = kinds;
        this.bodies = bodies;
    }

    /** The outcomes of the submission's tasks, in its order: their kinds, VALUE or ERROR, and their bodies. */
    static Answer signed(ClusterSecret secret, Submission to, byte[] kinds, byte[][] bodies) {
        Answer answer = new Answer(to, kinds, bodies);
        answer.signature = secret.sign(answer.signed());
        return answer;
    }

    /** The outcome of a submission of one task. */
    static Answer signed(ClusterSecret secret, Submission to, Kind kind, byte[] body) {
        return signed(secret, to, new byte[] {(byte) kind.ordinal()}, new byte[][] {body});
    }

    static Answer refused(Submission to, String reason) {
        return new Answer(to, new byte[] {(byte) Kind.REFUSED.ordinal()},
                new byte[][] {reason.getBytes(StandardCharsets.UTF_8)});
    }

    int size() {
        return kinds.length;
    }

    Kind kind(int task) {
        return Kind.values()[kinds[task]];
    }

    byte[] body(int task) {
        return bodies[task];
    }

    boolean refused() {
        return kinds.length == 1 && kind(0) == Kind.REFUSED;
    }

    /** Whether this answers {@code submission}, task for task, and was signed with {@code secret}. */
    boolean answers(Submission submission, ClusterSecret secret) {
        return sessionHigh == submission.sessionHigh && sessionLow == submission.sessionLow
                && counter == submission.counter && kinds.length == submission.size()
                && secret.verify(signature, signed());
    }

    String refusal() {
        return new String(bodies[0], StandardCharsets.UTF_8);
    }

    /** What the HMAC covers: a header with every field and each body's length, then the bodies. */
    private byte[][] signed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(48 + 8 * kinds.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(DOMAIN);
            out.writeLong(sessionHigh);
            out.writeLong(sessionLow);
            out.writeLong(counter);
            out.writeInt(kinds.length);
            for (int i = 0; i < kinds.length; i++) {
                out.writeByte(kinds[i]);
                out.writeInt(bodies[i] == null ? -1 : bodies[i].length);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        byte[][] parts = new byte[kinds.length + 1][];
        parts[0] = bytes.toByteArray();
        for (int i = 0; i < kinds.length; i++) {
            parts[i + 1] = bodies[i] == null ? new byte[0] : bodies[i];
        }
        return parts;
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.ANSWER;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(sessionHigh);
        out.writeLong(sessionLow);
        out.writeLong(counter);
        out.writeByteArray(kinds);
        for (byte[] body : bodies) {
            out.writeByteArray(body);
        }
        out.writeByteArray(signature);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        sessionHigh = in.readLong();
        sessionLow = in.readLong();
        counter = in.readLong();
        kinds = in.readByteArray();
        if (kinds == null || kinds.length == 0 || kinds.length > Submission.MAX_TASKS) {
            throw new IOException("an answer for " + (kinds == null ? 0 : kinds.length) + " tasks");
        }
        for (byte kind : kinds) {
            if (kind < 0 || kind >= Kind.values().length) {
                throw new IOException("unknown answer kind " + kind);
            }
        }
        bodies = new byte[kinds.length][];
        for (int i = 0; i < kinds.length; i++) {
            bodies[i] = in.readByteArray();
        }
        signature = in.readByteArray();
    }
}
