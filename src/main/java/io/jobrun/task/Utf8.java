package io.jobrun.task;

/** Where UTF-8 bytes cut at an arbitrary place can be cut again without splitting a character. */
final class Utf8 {
    private Utf8() {
    }

    /** The length of {@code bytes[0, length)} without an incomplete character at its end. */
    static int completeLength(byte[] bytes, int length) {
        int start = length;
        // back up over at most 3 continuation bytes to the byte that starts the last character
        while (start > 0 && length - start < 3 && isContinuation(bytes[start - 1])) {
            start--;
        }
        if (start == 0) {
            return length;
        }
        int lead = bytes[start - 1] & 0xff;
        int needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
        return length - (start - 1) >= needed ? length : start - 1;
    }

    /** The index of the first byte of {@code bytes[0, length)} that does not continue a character cut off before. */
    static int firstCharacterStart(byte[] bytes, int length) {
        int start = 0;
        while (start < length && start < 3 && isContinuation(bytes[start])) {
            start++;
        }
        return start;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xc0) == 0x80;
    }
}
