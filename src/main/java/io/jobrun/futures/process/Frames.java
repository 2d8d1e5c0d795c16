package io.jobrun.futures.process;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The protocol between a pool and its workers: length-prefixed frames, Bazel persistent-worker style.
 *
 * <p>A frame is {@code int length, byte type, body}. The parent sends {@link #INIT} once, then {@link #TASK} or
 * {@link #CHUNK} frames, one at a time: a worker is sent a call only when it is idle. The worker answers
 * {@link #READY} or {@link #INIT_FAILED} to INIT and {@link #RESULTS} to each call, before which a TASK call may send
 * any number of {@link #PROGRESS} frames ({@link TaskProgress}). Closing the worker's input tells it to exit. Bodies:
 * <pre>
 * INIT        boolean hasInitializer, [bytes initializer]
 * TASK        long callId, bytes task
 * CHUNK       long callId, long functionId, boolean hasFunction, [bytes function], int count, count x value
 * READY       (empty)
 * INIT_FAILED error
 * RESULTS     long callId, int count, count x (byte OK, value | byte FAILED, error)
 * PROGRESS    long callId, value
 * </pre>
 * Values and errors are written by {@link Wire}; bytes are {@code int length, length x byte}.
 */
final class Frames {
    static final byte INIT = 1;
    static final byte TASK = 2;
    static final byte CHUNK = 3;
    static final byte READY = 10;
    static final byte INIT_FAILED = 11;
    static final byte RESULTS = 12;
    static final byte PROGRESS = 13;
    static final byte OK = 0;
    static final byte FAILED = 1;

    private Frames() {
    }

    /** Writes one frame from {@code body} and flushes it. */
    static void write(DataOutputStream out, Buffer body) throws IOException {
        out.writeInt(body.size());
        body.writeTo(out);
        out.flush();
    }

    /** The next frame's type and body, or null when the other side closed the stream between frames. */
    static DataInputStream read(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException closed) {
            return null;
        }
        byte[] frame = in.readNBytes(Wire.checkedLength(length));
        if (frame.length != length) {
            throw new EOFException("the stream ended inside a frame of " + length + " bytes");
        }
        return new DataInputStream(new java.io.ByteArrayInputStream(frame));
    }

    /** A reusable frame body that can be cut back when a value fails to serialize half-way. */
    static final class Buffer extends ByteArrayOutputStream {
        final DataOutputStream data = new DataOutputStream(this);

        Buffer(int capacity) {
            super(capacity);
        }

        /** Forgets everything written after the first {@code length} bytes. */
        void truncate(int length) {
            count = length;
        }
    }
}
