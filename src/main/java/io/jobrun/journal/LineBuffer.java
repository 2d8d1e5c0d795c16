package io.jobrun.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of the journal's lines not written yet, made straight as UTF-8: the fixed parts of a common line copied
 * from constants, its numbers and plain texts written byte by byte, with no text, builder or encoder on the way; any
 * other line is made as JSON text first and encoded here ({@link #text}). The journal's writer thread only.
 */
final class LineBuffer {
    private static final byte[] BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            .getBytes(StandardCharsets.US_ASCII);
    /** The size it starts at, and shrinks back to after a long line. */
    private final int usual;
    private byte[] bytes;
    private int size;

    LineBuffer(int usual) {
        this.usual = usual;
        this.bytes = new byte[usual];
    }

    int size() {
        return size;
    }

    /** Forgets what was made after {@code size} bytes: a line that could not be made, or not this way. */
    void truncate(int size) {
        this.size = size;
    }

    /** Where the last line made before {@code from} ends: the size up to and with its newline, or {@code from}. */
    int lastLineEnd(int from) {
        for (int i = size - 1; i >= from; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return from;
    }

    /** What was made, to be written. */
    ByteBuffer contents() {
        return ByteBuffer.wrap(bytes, 0, size);
    }

    /** Empties the buffer once its contents were written, letting go of the room a long line took. */
    void clear() {
        size = 0;
        if (bytes.length > 2 * usual) {
            bytes = new byte[usual];
        }
    }

    /** Bytes that are ASCII already: the fixed parts of a line. */
    LineBuffer ascii(byte[] constant) {
        room(constant.length);
        size = put(bytes, size, constant);
        return this;
    }

    LineBuffer ascii(char c) {
        room(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /**
     * The array to write {@code more} bytes into from {@link #size()}, written with the {@code put} methods and ended
     * with {@link #commit}: a line made this way checks for room once, not at every part.
     */
    byte[] reserve(int more) {
        room(more);
        return bytes;
    }

    /** The bytes of the array {@link #reserve} gave are written up to {@code size}. */
    void commit(int size) {
        this.size = size;
    }

    /** Puts {@code constant} into {@code into} at {@code at}; returns where it ends. */
    static int put(byte[] into, int at, byte[] constant) {
        System.arraycopy(constant, 0, into, at, constant.length);
        return at + constant.length;
    }

    /** Puts {@code number} in decimal (at most 20 bytes) into {@code into} at {@code at}; returns where it ends. */
    static int number(byte[] into, int at, long number) {
        if (number < 0) {
            if (number == Long.MIN_VALUE) {
                return put(into, at, Long.toString(number).getBytes(StandardCharsets.US_ASCII));
            }
            into[at++] = '-';
            number = -number;
        }
        int digits = 1;
        for (long rest = number / 10; rest > 0; rest /= 10) {
            digits++;
        }
        int end = at + digits;
        for (int i = end - 1; i >= at; i--, number /= 10) {
            into[i] = (byte) ('0' + number % 10);
        }
        return end;
    }

    /**
     * Puts {@code text} as it is into {@code into} at {@code at}, when it is printable ASCII with no quote or
     * backslash, which is then its own JSON (inside quotes) and its own UTF-8; returns where it ends, or -1 for any
     * other text (having written bytes that are to be forgotten).
     */
    static int plain(byte[] into, int at, String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return -1;
            }
            into[at + i] = (byte) c;
        }
        return at + length;
    }

    /**
     * Puts a 128-bit key as the journal writes it: its 16 bytes, each half's least significant first and {@code h1}
     * first (as MurmurHash3's reference writes its result), in unpadded base64url, 22 characters; returns where they
     * end. Shorter than hex by ten bytes a line, a tenth of a large fan-out's journal.
     */
    static int key(byte[] into, int at, long h1, long h2) {
        for (int group = 0; group < 5; group++) {
            int bits = keyByte(h1, h2, 3 * group) << 16 | keyByte(h1, h2, 3 * group + 1) << 8
                    | keyByte(h1, h2, 3 * group + 2);
            into[at++] = BASE64URL[bits >>> 18];
            into[at++] = BASE64URL[bits >>> 12 & 0x3f];
            into[at++] = BASE64URL[bits >>> 6 & 0x3f];
            into[at++] = BASE64URL[bits & 0x3f];
        }
        int last = keyByte(h1, h2, 15);
        into[at++] = BASE64URL[last >>> 2];
        into[at++] = BASE64URL[(last & 0x3) << 4];
        return at;
    }

    private static int keyByte(long h1, long h2, int index) {
        return (int) ((index < 8 ? h1 >>> 8 * index : h2 >>> 8 * (index - 8)) & 0xff);
    }

    /** {@code text} in UTF-8; a lone surrogate, which has no UTF-8 form (JSON text escapes them), is a '?'. */
    LineBuffer text(CharSequence text) {
        int length = text.length();
        room(3 * length);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes[size++] = (byte) c;
            } else if (c < 0x800) {
                bytes[size++] = (byte) (0xc0 | c >>> 6);
                bytes[size++] = (byte) (0x80 | c & 0x3f);
            } else if (!Character.isSurrogate(c)) {
                bytes[size++] = (byte) (0xe0 | c >>> 12);
                bytes[size++] = (byte) (0x80 | c >>> 6 & 0x3f);
                bytes[size++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int point = Character.toCodePoint(c, text.charAt(++i));
                bytes[size++] = (byte) (0xf0 | point >>> 18);
                bytes[size++] = (byte) (0x80 | point >>> 12 & 0x3f);
                bytes[size++] = (byte) (0x80 | point >>> 6 & 0x3f);
                bytes[size++] = (byte) (0x80 | point & 0x3f);
            } else {
                bytes[size++] = '?';
            }
        }
        return this;
    }

    private void room(int more) {
        if (size + more > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + more));
        }
    }
}
