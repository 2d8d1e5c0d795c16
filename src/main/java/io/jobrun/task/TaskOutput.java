package io.jobrun.task;

import io.jobrun.job.Printed;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one attempt of a task printed, as one stream of lines: a shell's stdout and stderr, a script's
 * {@code print}, a closure's {@code println}. It keeps the first and the last lines (a chatty task cannot fill the
 * heap) and passes each line on to a {@link LineSink} as it is completed, for {@code --output}.
 *
 * <p>Each source writes through a {@link #stream()} of its own, which splits its bytes into lines, so that lines of
 * two sources never mix halfway; a line longer than {@link #MAX_LINE_BYTES} keeps its start and says how much more
 * there was, so one huge line costs no more than a short one. Lines of two sources appear in the order they were
 * completed.
 */
public final class TaskOutput implements Printed {
    /** Lines kept from the start and from the end. */
    public static final int HEAD_LINES = 10;
    public static final int TAIL_LINES = 20;
    /** Of a longer line, this many bytes are kept. */
    public static final int MAX_LINE_BYTES = 4096;

    /** Receives each line of a task's output as it is completed; called from the threads that read it. */
    @FunctionalInterface
    public interface LineSink {
        void line(String task, String line);
    }

    private final String task;
    private final LineSink sink;
    private final int headLines;
    private final int tailLines;
    private final int maxLineBytes;
    /** Guarded by this. */
    private final List<String> head = new ArrayList<>();
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private long lines;

    /** @param sink null when no one reads the lines as they come */
    public TaskOutput(String task, LineSink sink) {
        this(task, sink, HEAD_LINES, TAIL_LINES, MAX_LINE_BYTES);
    }

    TaskOutput(String task, LineSink sink, int headLines, int tailLines, int maxLineBytes) {
        this.task = task;
        this.sink = sink;
        this.headLines = headLines;
        this.tailLines = tailLines;
        this.maxLineBytes = maxLineBytes;
    }

    /** A new source: its own line splitting, into this output. */
    @Override
    public OutputStream stream() {
        return new Lines();
    }

    /** Adds whole lines that were printed elsewhere (a worker process), as if they had been printed here. */
    public void addAll(List<String> printed) {
        printed.forEach(this::add);
    }

    private void add(String line) {
        synchronized (this) {
            lines++;
            if (head.size() < headLines) {
                head.add(line);
            } else {
                tail.addLast(line);
                if (tail.size() > tailLines) {
                    tail.removeFirst();
                }
            }
        }
        if (sink != null) {
            sink.line(task, line);
        }
    }

    /** The lines kept: the first, a line saying how many were left out, the last; empty when nothing was printed. */
    public synchronized List<String> lines() {
        List<String> kept = new ArrayList<>(head);
        long left = lines - head.size() - tail.size();
        if (left > 0) {
            kept.add("[... " + left + " more lines ...]");
        }
        kept.addAll(tail);
        return kept;
    }

    /** Splits one source into lines; written by one thread at a time. */
    private final class Lines extends OutputStream {
        private final byte[] line = new byte[maxLineBytes];
        private int length;
        /** Bytes of the current line beyond the limit, counted but not kept. */
        private long dropped;

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                endLine();
            } else if (length < line.length) {
                line[length++] = (byte) b;
            } else {
                dropped++;
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int count) {
            for (int i = offset; i < offset + count; i++) {
                write(bytes[i]);
            }
        }

        /** The source ended: a last line without a newline still counts. */
        @Override
        public synchronized void close() {
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
