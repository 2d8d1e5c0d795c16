package io.jobrun.task;

import java.nio.charset.StandardCharsets;

/**
 * The first and the last bytes of a stream of any length, in bounded memory: half the budget for the head, half
 * for the tail, and a count of what fell in between. One thread appends; {@link #text()} is read after it is done.
 */
final class HeadAndTail {
    private final int headLimit;
    private final int tailLimit;
    /** Grows up to {@code headLimit} as bytes arrive, so that a quiet command costs little. */
    private byte[] head = new byte[256];
    private int headLength;
    /** A ring of the last {@code tailLimit} bytes once the head is full; null until then. */
    private byte[] tail;
    private int tailEnd;
    private long tailWritten;
    /** Bytes read while there was no memory to keep them (see {@link OutputCapture}). */
    private long lost;

    HeadAndTail(int maxBytes) {
        if (maxBytes < 2) {
            throw new IllegalArgumentException("maxBytes must be 2 or more, got " + maxBytes);
        }
        this.headLimit = maxBytes / 2;
        this.tailLimit = maxBytes - headLimit;
    }

    void append(byte[] bytes, int offset, int length) {
        int toHead = Math.min(length, headLimit - headLength);
        if (toHead > 0) {
            if (headLength + toHead > head.length) {
                head = java.util.Arrays.copyOf(head, Math.min(headLimit, Math.max(head.length * 2, headLength + toHead)));
            }
            System.arraycopy(bytes, offset, head, headLength, toHead);
            headLength += toHead;
        }
        if (toHead < length) {
            appendToTail(bytes, offset + toHead, length - toHead);
        }
    }

    private void appendToTail(byte[] bytes, int offset, int length) {
        if (tail == null) {
            tail = new byte[tailLimit];
        }
        tailWritten += length;
        if (length >= tailLimit) {
            System.arraycopy(bytes, offset + length - tailLimit, tail, 0, tailLimit);
            tailEnd = 0;
            return;
        }
        int first = Math.min(length, tailLimit - tailEnd);
        System.arraycopy(bytes, offset, tail, tailEnd, first);
        System.arraycopy(bytes, offset + first, tail, 0, length - first);
        tailEnd = (tailEnd + length) % tailLimit;
    }

    /** Counts bytes that were read but could not be kept. */
    void lose(int length) {
        lost += length;
    }

    /** Bytes that were read but are in neither the head nor the tail. */
    long omitted() {
        return Math.max(0, tailWritten - tailLimit);
    }

    /** The text kept, decoded as UTF-8, with a line in place of what was left out. */
    String text() {
        String kept = keptText();
        return lost == 0 ? kept : kept + "\n[... " + lost + " more bytes of output not kept: the heap was full ...]\n";
    }

    private String keptText() {
        if (tail == null) {
            return new String(head, 0, headLength, StandardCharsets.UTF_8);
        }
        int tailLength = (int) Math.min(tailWritten, tailLimit);
        byte[] last = new byte[tailLength];
        int start = Math.floorMod(tailEnd - tailLength, tailLimit);
        int first = Math.min(tailLength, tailLimit - start);
        System.arraycopy(tail, start, last, 0, first);
        System.arraycopy(tail, 0, last, first, tailLength - first);
        if (omitted() == 0) {
            byte[] all = java.util.Arrays.copyOf(head, headLength + tailLength);
            System.arraycopy(last, 0, all, headLength, tailLength);
            return new String(all, StandardCharsets.UTF_8);
        }
        // NOTE: cut at character boundaries, so that a character split by the cut does not show as two U+FFFD.
        int headEnd = Utf8.completeLength(head, headLength);
        int tailStart = Utf8.firstCharacterStart(last, tailLength);
        return new String(head, 0, headEnd, StandardCharsets.UTF_8) + "\n[... " + (omitted() + headLength - headEnd
                + tailStart) + " bytes of output left out ...]\n"
                + new String(last, tailStart, tailLength - tailStart, StandardCharsets.UTF_8);
    }
}
