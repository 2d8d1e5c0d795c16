package io.jobrun.job;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/** Whether a value can be sent to a worker process: it serializes, checked by serializing it into nothing. */
public final class Sendable {
    private Sendable() {
    }

    public static boolean check(Object value) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(value);
            return true;
        } catch (IOException | RuntimeException notSerializable) {
            return false;
        }
    }
}
