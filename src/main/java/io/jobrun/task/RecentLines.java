package io.jobrun.task;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last lines a command printed on its two streams together, in the order they were completed, for the failure
 * block of the report. Each stream writes through a {@link Writer} of its own; a line longer than the limit keeps its
 * start and says how much more there was, so one huge line costs no more than a short one.
 */
final class RecentLines {
    private final int maxLines;
    private final int maxLineBytes;
    /** Guarded by itself: both streams' readers add to it. */
    private final ArrayDeque<String> lines = new ArrayDeque<>();

    RecentLines(int maxLines, int maxLineBytes) {
        this.maxLines = maxLines;
        this.maxLineBytes = maxLineBytes;
    }

    Writer writer() {
        return new Writer();
    }

    List<String> snapshot() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    private void add(String line) {
        synchronized (lines) {
            lines.addLast(line);
            if (lines.size() > maxLines) {
                lines.removeFirst();
            }
        }
    }

    /** Splits one stream into lines; used by that stream's reader thread only. */
    final class Writer {
        private final byte[] line = new byte[maxLineBytes];
        private int length;
        /** Bytes of the current line beyond {@link #maxLineBytes}, counted but not kept. */
        private long dropped;

        void append(byte[] bytes, int offset, int count) {
            for (int i = offset; i < offset + count; i++) {
                byte b = bytes[i];
                if (b == '\n') {
                    endLine();
                } else if (length < line.length) {
                    line[length++] = b;
                } else {
                    dropped++;
                }
            }
        }

        /** The stream ended: a last line without a newline still counts. */
        void close() {
            if (length > 0 || dropped > 0) {
                endLine();
            }
        }

        private void endLine() {
            int kept = dropped > 0 ? Utf8.completeLength(line, length) : length;
            if (dropped == 0 && kept > 0 && line[kept - 1] == '\r') {
                kept--;
            }
            String text = new String(line, 0, kept, StandardCharsets.UTF_8);
            add(dropped == 0 ? text : text + " [... " + (dropped + length - kept) + " more bytes]");
            length = 0;
            dropped = 0;
        }
    }
}
