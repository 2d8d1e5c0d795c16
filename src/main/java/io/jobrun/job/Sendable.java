package io.jobrun.job;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.Optional;

/** Whether a value can be sent to a worker process: it serializes, checked by serializing it into nothing. */
public final class Sendable {
    private Sendable() {
    }

    public static boolean check(Object value) {
        return why(value).isEmpty();
    }

    /**
     * Why {@code value} cannot be sent, worded for the user: the class in it, or in what it holds, that does not
     * implement {@code Serializable}; empty when it can be sent.
     */
    public static Optional<String> why(Object value) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(value);
            return Optional.empty();
        } catch (NotSerializableException e) {
            // NOTE: the exception's message is the class that stopped it, which may be held deep inside the value;
            // a class without a package is the job file's own, which the user can change
            String type = e.getMessage();
            return Optional.of(type + " does not implement Serializable" + (type.contains(".") ? ""
                    : " (declare it so: class " + type + " implements Serializable)"));
        } catch (IOException | RuntimeException e) {
            return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
