package io.jobrun.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * One run's journal file, appended to with group commit: {@link #append} only queues a line; a thread of its own
 * writes what is queued and forces it to disk, {@link #WINDOW_MILLIS} after the first line of a batch was appended,
 * and once more when the file is closed. A crash loses at most the last batch, and those instances simply run again.
 *
 * <p>A line that says an instance started ({@link #started}) waits for the batch to be taken, and is dropped when the
 * instance's end ({@link #ended}) came first: the disk then holds the end, which says more, and never a start without
 * its end for an instance that had ended when the batch was written; an instance still running has its start written.
 *
 * <p>The file stays locked while the run lives (released by the operating system when the process dies, however it
 * dies), which is how a resume tells a live run from a dead one. The first write that fails is told to
 * {@code onFailure} at once; nothing more is written after it.
 */
final class JournalFile implements AutoCloseable {
    /** How long a batch gathers lines before it is written and forced: well under the promised 50 ms. */
    static final long WINDOW_MILLIS = 20;

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final JournalSink sink;
    /** The clock the window is measured on, in nanoseconds: {@link System#nanoTime()} but in tests. */
    private final LongSupplier clock;
    private final Consumer<String> onFailure;
    private final Thread writer;
    /** Lines not written yet. Guarded by this. */
    private StringBuilder pending = new StringBuilder(1 << 16);
    /** The buffer last written, emptied, for the next batch: no buffer grows anew per batch. Guarded by this. */
    private StringBuilder spare = new StringBuilder(1 << 16);
    /** Starts of instances not written yet, by instance id (anything with equals), in their order. Guarded by this. */
    private Map<Object, Consumer<StringBuilder>> starts = new LinkedHashMap<>();
    /** The starts' map last written, emptied, for the next batch. Guarded by this. */
    private Map<Object, Consumer<StringBuilder>> spareStarts = new LinkedHashMap<>();
    /** Turns a batch into UTF-8; the writer thread only. */
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    /** When the first line of {@link #pending} was appended, by {@link #clock}. Guarded by this. */
    private long batchStarted;
    /** Set by {@link #close()}. Guarded by this. */
    private boolean closing;
    /** Why writing stopped, or null; written by the writer thread, read after it ends. */
    private volatile String failure;

    private JournalFile(Path path, FileChannel channel, FileLock lock, JournalSink sink, LongSupplier clock,
                        Consumer<String> onFailure) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.sink = sink;
        this.clock = clock;
        this.onFailure = onFailure;
        this.writer = Thread.ofPlatform().daemon().name("jobrun-journal").start(this::writeAll);
    }

    /**
     * Creates {@code path} (and its directories), locks it and starts its writer.
     *
     * @param onFailure told once, on the writer's thread, why a write failed
     * @throws IOException when the file cannot be created or locked
     */
    static JournalFile create(Path path, Consumer<String> onFailure) throws IOException {
        return create(path, onFailure, UnaryOperator.identity(), System::nanoTime);
    }

    /**
     * As {@link #create(Path, Consumer)}, with the file's sink seen through {@code through} and the window measured
     * on {@code clock}.
     */
    static JournalFile create(Path path, Consumer<String> onFailure, UnaryOperator<JournalSink> through,
                              LongSupplier clock) throws IOException {
        Files.createDirectories(path.getParent());
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("it is locked by another process");
            }
            return new JournalFile(path, channel, lock, through.apply(JournalSink.of(channel)), clock, onFailure);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** Queues one line (without its newline); safe from any thread, never waits for the disk. */
    synchronized void append(CharSequence line) {
        if (closing) {
            return;
        }
        if (pending.isEmpty() && starts.isEmpty()) {
            batchStarted = clock.getAsLong();
            notifyAll();
        }
        pending.append(line).append('\n');
    }

    /**
     * Queues the start of instance {@code id}, to be written by {@code line} (on the writer's thread) with the next
     * batch unless {@link #ended} comes first.
     */
    synchronized void started(Object id, Consumer<StringBuilder> line) {
        if (closing) {
            return;
        }
        if (pending.isEmpty() && starts.isEmpty()) {
            batchStarted = clock.getAsLong();
            notifyAll();
        }
        starts.put(id, line);
    }

    /** Queues the end of instance {@code id}; its start, when not written yet, never will be. */
    synchronized void ended(Object id, CharSequence line) {
        starts.remove(id);
        append(line);
    }

    /** Why the journal stopped being written, or null when every line reached the disk. */
    String failure() {
        return failure;
    }

    /** Writes and forces what is queued, then closes the file; returns once it is on disk (or failed). */
    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                // NOTE: the last batch must still reach the disk; keep waiting and restore the flag afterwards.
                interrupted = true;
            }
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            fail(e);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeAll() {
        while (true) {
            StringBuilder batch;
            Map<Object, Consumer<StringBuilder>> batchStarts;
            boolean last;
            synchronized (this) {
                while (pending.isEmpty() && starts.isEmpty() && !closing) {
                    waitQuietly(0);
                }
                // NOTE: gather the lines of a few milliseconds into one write and one force; the window runs from the
                // batch's first line, so a line waits at most the window however late this thread wakes.
                long until = batchStarted + TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);
                for (long left = until - clock.getAsLong(); !closing && left > 0; left = until - clock.getAsLong()) {
                    waitQuietly(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
                batch = pending;
                pending = spare;
                // NOTE: never the same map for both: this thread reads the batch's starts outside the lock, and a
                // start put into a map being read (even an empty one) would break the reading and stop the journal.
                batchStarts = starts;
                starts = spareStarts;
                last = closing;
            }
            // NOTE: the starts go after the lines they came with, outside the lock: the listener never waits on them.
            for (Consumer<StringBuilder> start : batchStarts.values()) {
                start.accept(batch);
                batch.append('\n');
            }
            if (failure == null && !batch.isEmpty()) {
                write(batch);
            }
            batch.setLength(0);
            batchStarts.clear();
            synchronized (this) {
                spare = batch;
                spareStarts = batchStarts;
            }
            if (last) {
                return;
            }
        }
    }

    private void write(StringBuilder batch) {
        try {
            // NOTE: straight from the builder: copying a batch into a char array first (reused, but new for each run
            // and megabytes long) measured more costly on this thread, and twice its allocation.
            CharBuffer text = CharBuffer.wrap(batch);
            utf8.reset();
            for (CoderResult result = utf8.encode(text, bytes, true); !result.isUnderflow();
                 result = utf8.encode(text, bytes, true)) {
                drain(); // the buffer is full: write it and go on
            }
            while (utf8.flush(bytes).isOverflow()) {
                drain();
            }
            drain();
            sink.force();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void drain() throws IOException {
        bytes.flip();
        sink.write(bytes);
        bytes.clear();
    }

    private void fail(Exception e) {
        if (failure == null) {
            failure = path + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            onFailure.accept(failure);
        }
    }

    private void waitQuietly(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            // nothing interrupts this thread on purpose; the loop decides when to stop
        }
    }
}
