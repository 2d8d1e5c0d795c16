package io.jobrun.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of the journal's lines not written yet, made straight as UTF-8: the fixed parts of a common line copied
 * from constants, its numbers and plain texts written byte by byte, with no text, builder or encoder on the way; any
 * other line is made as JSON text first and encoded here ({@link #text}). The journal's writer thread only.
 */
final class LineBuffer {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
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
        System.arraycopy(constant, 0, bytes, size, constant.length);
        size += constant.length;
        return this;
    }

    LineBuffer ascii(char c) {
        room(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** A number in decimal. */
    LineBuffer number(long number) {
        int small = (int) number;
        if (small != number || small == Integer.MIN_VALUE) {
            return ascii(Long.toString(number).getBytes(StandardCharsets.US_ASCII)); // NOTE: never in a usual line
        }
        room(11);
        if (small < 0) {
            bytes[size++] = '-';
            small = -small;
        }
        int digits = 1;
        for (int power = 10; digits < 10 && small >= power; power *= 10) {
            digits++;
        }
        // NOTE: an int's digits, from the last, in place: a division by the constant 10 (a multiplication) each.
        for (int at = size + digits - 1; at >= size; at--, small /= 10) {
            bytes[at] = (byte) ('0' + small % 10);
        }
        size += digits;
        return this;
    }

    /**
     * {@code text} as it is, when it is printable ASCII with no quote or backslash, which is then its own JSON (inside
     * quotes) and its own UTF-8; false, having written nothing, for any other text.
     */
    boolean plain(String text) {
        int length = text.length();
        room(length);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
            bytes[size + i] = (byte) c;
        }
        size += length;
        return true;
    }

    /** The byte {@code b} in two lowercase hex digits. */
    LineBuffer hex(int b) {
        room(2);
        bytes[size++] = HEX[(b >>> 4) & 0xf];
        bytes[size++] = HEX[b & 0xf];
        return this;
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
