package io.jobrun.futures.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A task's outcome as bytes, in the worker protocol's own encoding ({@link Wire}): a value, or an exception that
 * arrives as itself when its class exists here and as a {@link RemoteTaskException} otherwise. Public for other
 * transports between JVMs (a cluster member's answer), so that every remote outcome reads the same.
 */
public final class RemoteOutcomes {
    private RemoteOutcomes() {
    }

    /**
     * @param what how a serialization error names the value, e.g. "the result of the task"
     * @throws TaskSerializationException when the value cannot be serialized
     */
    public static byte[] value(Object value, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Wire.writeValue(out, value, what);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException or ClassNotFoundException when the bytes are not a value this JVM can rebuild */
    public static Object readValue(byte[] bytes) throws IOException, ClassNotFoundException {
        return Wire.readValue(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    public static byte[] error(Throwable error) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Wire.writeError(out, error);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException when the bytes are not an exception's description */
    public static Throwable readError(byte[] bytes) throws IOException {
        return Wire.readError(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}
