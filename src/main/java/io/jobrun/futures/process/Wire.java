package io.jobrun.futures.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * How values and exceptions are written inside a frame.
 *
 * <p>Common small values (null, booleans, ints, longs, doubles, strings) have a compact tag of their own: a map of
 * tiny tasks moves millions of them, and a Java serialization stream costs a header and a class descriptor each.
 * Anything else goes through {@link FilteredSerialization}.
 *
 * <p>An exception travels twice: as a description (class name, message, stack trace, causes) that can always be
 * rebuilt as a {@link RemoteTaskException}, and, when it serializes, as itself, so the receiver gets the original
 * type whenever its class is available.
 */
final class Wire {
    private static final byte NULL = 0;
    private static final byte TRUE = 1;
    private static final byte FALSE = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;
    private static final byte DOUBLE = 5;
    private static final byte STRING = 6;
    private static final byte OBJECT = 7;
    /** Causes deeper than this are cut off in the description; the serialized original keeps them all. */
    private static final int MAX_CAUSES = 8;

    private Wire() {
    }

    /**
     * Writes {@code value}; nothing is written when it cannot be serialized.
     *
     * @param what how a serialization error names the value, e.g. "the result of the task"
     */
    static void writeValue(DataOutputStream out, Object value, String what) throws IOException {
        switch (value) {
            case null -> out.writeByte(NULL);
            case Boolean b -> out.writeByte(b ? TRUE : FALSE);
            case Integer i -> {
                out.writeByte(INT);
                out.writeInt(i);
            }
            case Long l -> {
                out.writeByte(LONG);
                out.writeLong(l);
            }
            case Double d -> {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            }
            case String s -> {
                out.writeByte(STRING);
                writeString(out, s);
            }
            default -> {
                byte[] bytes = FilteredSerialization.serialize(value, what); // may throw: before any byte is out
                out.writeByte(OBJECT);
                writeBytes(out, bytes);
            }
        }
    }

    static Object readValue(DataInputStream in) throws IOException, ClassNotFoundException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case STRING -> readString(in);
            case OBJECT -> FilteredSerialization.deserialize(readBytes(in));
            default -> throw new IOException("corrupt frame: unknown value tag " + tag);
        };
    }

    static void writeError(DataOutputStream out, Throwable error) throws IOException {
        writeDescription(out, error, 0);
        byte[] original;
        try {
            original = FilteredSerialization.serialize(error, "the exception");
        } catch (RuntimeException notSerializable) {
            original = null;
        }
        out.writeBoolean(original != null);
        if (original != null) {
            writeBytes(out, original);
        }
    }

    /** The original exception when it can be rebuilt here, else a {@link RemoteTaskException} from its description. */
    static Throwable readError(DataInputStream in) throws IOException {
        RemoteTaskException description = readDescription(in, 0);
        if (!in.readBoolean()) {
            return description;
        }
        byte[] original = readBytes(in);
        try {
            if (FilteredSerialization.deserialize(original) instanceof Throwable rebuilt) {
                return rebuilt;
            }
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError notHere) {
            description.addSuppressed(notHere);
        }
        return description;
    }

    private static void writeDescription(DataOutputStream out, Throwable error, int depth) throws IOException {
        writeString(out, error.getClass().getName());
        writeNullableString(out, error.getMessage());
        StackTraceElement[] trace = error.getStackTrace();
        out.writeInt(trace.length);
        for (StackTraceElement element : trace) {
            writeString(out, element.getClassName());
            writeString(out, element.getMethodName());
            writeNullableString(out, element.getFileName());
            out.writeInt(element.getLineNumber());
        }
        Throwable cause = error.getCause();
        boolean more = cause != null && cause != error && depth < MAX_CAUSES;
        out.writeBoolean(more);
        if (more) {
            writeDescription(out, cause, depth + 1);
        }
    }

    private static RemoteTaskException readDescription(DataInputStream in, int depth) throws IOException {
        if (depth > MAX_CAUSES) {
            throw new IOException("corrupt frame: exception causes nested deeper than " + MAX_CAUSES);
        }
        RemoteTaskException error = new RemoteTaskException(readString(in), readNullableString(in));
        StackTraceElement[] trace = new StackTraceElement[in.readInt()];
        for (int i = 0; i < trace.length; i++) {
            String type = readString(in);
            String method = readString(in);
            String file = readNullableString(in);
            trace[i] = new StackTraceElement(type, method, file, in.readInt());
        }
        error.setStackTrace(trace);
        if (in.readBoolean()) {
            error.initCause(readDescription(in, depth + 1));
        }
        return error;
    }

    static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        return in.readNBytes(checkedLength(in.readInt()));
    }

    /** Unlike {@code writeUTF}, not limited to 64 KiB: an exception message can be long. */
    static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeNullableString(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeString(out, value);
        }
    }

    private static String readNullableString(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    static int checkedLength(int length) throws IOException {
        if (length < 0) {
            throw new IOException("corrupt frame: negative length " + length);
        }
        return length;
    }
}
