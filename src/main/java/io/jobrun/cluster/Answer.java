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
 * A member's answer to one {@link Submission}: the task's value or exception (in the worker protocol's encoding),
 * signed like the submission and bound to it by its session and counter, so that the runner can tell a real answer
 * from one made up by a stranger. A refusal (bad signature, replay) cannot be signed, since the member may not share
 * the runner's secret; it only ever fails the task, with the member's reason.
 */
final class Answer implements IdentifiedDataSerializable {
    enum Kind { VALUE, ERROR, REFUSED }

    private static final byte[] DOMAIN = {'J', 'R', 'A', '1'};

    long sessionHigh;
    long sessionLow;
    long counter;
    Kind kind;
    /** VALUE: {@code RemoteOutcomes.value}; ERROR: {@code RemoteOutcomes.error}; REFUSED: the reason in UTF-8. */
    byte[] body;
    /** Null for a refusal. */
    byte[] signature;

    /** For Hazelcast's factory. */
    Answer() {
    }

    private Answer(Submission to, Kind kind, byte[] body) {
        this.sessionHigh = to.sessionHigh;
        this.sessionLow = to.sessionLow;
        this.counter = to.counter;
        this.kind = kind;
        this.body = body;
    }

    static Answer signed(ClusterSecret secret, Submission to, Kind kind, byte[] body) {
        Answer answer = new Answer(to, kind, body);
        answer.signature = secret.sign(answer.header(), body);
        return answer;
    }

    static Answer refused(Submission to, String reason) {
        return new Answer(to, Kind.REFUSED, reason.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether this answers {@code submission} and was signed with {@code secret}. */
    boolean answers(Submission submission, ClusterSecret secret) {
        return sessionHigh == submission.sessionHigh && sessionLow == submission.sessionLow
                && counter == submission.counter && body != null && secret.verify(signature, header(), body);
    }

    String refusal() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private byte[] header() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(DOMAIN);
            out.writeLong(sessionHigh);
            out.writeLong(sessionLow);
            out.writeLong(counter);
            out.writeByte(kind.ordinal());
            out.writeInt(body == null ? -1 : body.length);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
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
        out.writeByte(kind.ordinal());
        out.writeByteArray(body);
        out.writeByteArray(signature);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        sessionHigh = in.readLong();
        sessionLow = in.readLong();
        counter = in.readLong();
        int ordinal = in.readByte();
        if (ordinal < 0 || ordinal >= Kind.values().length) {
            throw new IOException("unknown answer kind " + ordinal);
        }
        kind = Kind.values()[ordinal];
        body = in.readByteArray();
        signature = in.readByteArray();
    }
}
