package io.jobrun.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * One run's journal file, appended to with group commit: {@link #append} only queues a line; a thread of its own
 * makes the lines' bytes, writes what is queued and forces it to disk, {@link #WINDOW_MILLIS} after the first line of
 * a batch was appended or once {@link #BATCH_LINES} are queued, whichever comes first, and once more when the file is
 * closed. A crash loses at most the last batch, and those instances simply run again.
 *
 * <p>A line is queued as an entry that the writer's thread turns into bytes: a {@link Line}, or an object of the
 * journal's own that its {@link Maker} makes (a run's event, queued as it came, with nothing made for it). The JSON of
 * 100,000 ends is then made off the thread that delivers the run's events (which the run waits for at its end), on a
 * thread that otherwise sleeps between batches.
 *
 * <p>The maker may hold a line back to the end of a later batch, or drop it (the journal drops the start of an instance
 * whose end comes soon: {@link PendingStarts}); while it holds lines, the writer takes a batch within each window, so
 * a line held for one batch is still on disk within two windows.
 *
 * <p>The file stays locked while the run lives (released by the operating system when the process dies, however it
 * dies), which is how a resume tells a live run from a dead one. The first write that fails is told to
 * {@code onFailure} at once; nothing more is written after it. A line that cannot be made is left out and told the
 * same way; the others are still written.
 */
final class JournalFile implements AutoCloseable {
    /**
     * One line of the journal, made on the writer's thread: it writes one line's bytes (without its newline) into
     * {@code out}, and may first write whole lines of its own, each ended by a newline.
     */
    @FunctionalInterface
    interface Line {
        void writeTo(LineBuffer out);
    }

    /**
     * Makes the line of each entry the journal queued (its own objects, and {@link Line}s), on the writer's thread; it
     * may hold some back, to write them at the end of a later batch or never.
     */
    @FunctionalInterface
    interface Maker {
        /** Makes {@link Line}s only. */
        Maker LINES = (entry, out) -> ((Line) entry).writeTo(out);

        /** Writes {@code entry}'s line as a {@link Line} does, or nothing (no line, or one held back). */
        void make(Object entry, LineBuffer out);

        /**
         * The batch's entries are made: writes the whole lines held back that are due (each with its newline), and
         * on the {@code last} batch all that are held.
         */
        default void batchEnd(LineBuffer out, boolean last) {
        }

        /** Whether lines are held back: the writer then takes a batch within its window, even an empty one. */
        default boolean holding() {
            return false;
        }
    }

    /** How long a batch gathers lines before it is written and forced: well under the promised 50 ms. */
    static final long WINDOW_MILLIS = 20;
    /**
     * How many lines end a batch before its window does: the writer then starts on them at once, and keeps pace with
     * a run that ends thousands of instances a millisecond instead of leaving them all to the run's end.
     */
    static final int BATCH_LINES = 4096;
    /** How many bytes are made before they are written (a batch is forced once, however many writes it took). */
    private static final int CHUNK_BYTES = 1 << 16;

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final JournalSink sink;
    /** The clock the window is measured on, in nanoseconds: {@link System#nanoTime()} but in tests. */
    private final LongSupplier clock;
    private final Consumer<String> onFailure;
    private final Maker maker;
    private final Thread writer;
    /** Lines not written yet, in their order. Guarded by this. */
    private List<Object> pending = new ArrayList<>(2 * BATCH_LINES);
    /** The batch last written, emptied, for the next one. Guarded by this. */
    private List<Object> spare = new ArrayList<>(2 * BATCH_LINES);
    /** Whether the maker held lines back after the last batch ({@link Maker#holding}). Guarded by this. */
    private boolean held;
    /**
     * The bytes of the lines made and not written yet; the writer thread only. Written every {@link #CHUNK_BYTES} or
     * so, so that it stays small however large the batch (a batch of 100,000 ends is 15 MB).
     */
    private final LineBuffer bytes = new LineBuffer(CHUNK_BYTES + 4096);
    /** When the first line of {@link #pending} was appended, by {@link #clock}. Guarded by this. */
    private long batchStarted;
    /** Set once the lock is released and the file closed. */
    private final AtomicBoolean released = new AtomicBoolean();
    /** Set by {@link #close()}. Guarded by this. */
    private boolean closing;
    /** Why the journal is incomplete, or null; written by the writer thread, read after it ends. */
    private volatile String failure;
    /** Set when a write failed: nothing more is written. The writer thread only, then the closing one. */
    private boolean writeFailed;
    /** Whether bytes were written since the last force; the writer thread only. */
    private boolean unforced;

    private JournalFile(Path path, FileChannel channel, FileLock lock, JournalSink sink, LongSupplier clock,
                        Consumer<String> onFailure, Maker maker) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.sink = sink;
        this.clock = clock;
        this.onFailure = onFailure;
        this.maker = maker;
        this.writer = Thread.ofPlatform().daemon().name("jobrun-journal").start(this::writeAll);
    }

    /**
     * Creates {@code path} (and its directories), locks it and starts its writer, for {@link Line}s.
     *
     * @param onFailure told once, on the writer's thread, why a write failed
     * @throws IOException when the file cannot be created or locked
     */
    static JournalFile create(Path path, Consumer<String> onFailure) throws IOException {
        return create(path, onFailure, UnaryOperator.identity(), System::nanoTime, Maker.LINES);
    }

    /**
     * As {@link #create(Path, Consumer)}, with the file's sink seen through {@code through}, the window measured on
     * {@code clock}, and the lines made by {@code maker}.
     */
    static JournalFile create(Path path, Consumer<String> onFailure, UnaryOperator<JournalSink> through,
                              LongSupplier clock, Maker maker) throws IOException {
        Files.createDirectories(path.getParent());
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("it is locked by another process");
            }
            return new JournalFile(path, channel, lock, through.apply(JournalSink.of(channel)), clock, onFailure,
                    maker);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /**
     * Queues one line, {@code entry}, made by the maker when its batch is written; safe from any thread, never waits
     * for the disk.
     */
    synchronized void append(Object entry) {
        if (closing) {
            return;
        }
        opening();
        pending.add(entry);
        if (pending.size() == BATCH_LINES) {
            notifyAll();
        }
    }

    /** Queues one line, made when its batch is written. */
    void append(Line line) {
        append((Object) line);
    }

    /** Queues one line of text (without its newline). */
    void append(CharSequence line) {
        String made = line.toString();
        append((Line) out -> out.text(made));
    }

    /**
     * A line is queued: when it is the batch's first, the batch's window starts now, unless the maker holds lines
     * back (whose window started when the last batch was written). Under this's lock.
     */
    private void opening() {
        if (pending.isEmpty() && !held) {
            batchStarted = clock.getAsLong();
            notifyAll();
        }
    }

    /** Why the journal is incomplete (a write failed, or a line could not be made), or null when it is whole. */
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
        // NOTE: once: a second close (a listener closed by the run and again by its owner) has nothing left to do
        if (released.compareAndSet(false, true)) {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                fail(e);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeAll() {
        while (true) {
            List<Object> batch;
            boolean last;
            synchronized (this) {
                while (pending.isEmpty() && !held && !closing) {
                    waitQuietly(0);
                }
                // NOTE: gather the lines of a few milliseconds into one write and one force; the window runs from the
                // batch's first line, so a line waits at most the window however late this thread wakes; a batch of
                // BATCH_LINES is taken at once.
                long until = batchStarted + TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);
                for (long left = until - clock.getAsLong(); !closing && left > 0 && pending.size() < BATCH_LINES;
                     left = until - clock.getAsLong()) {
                    waitQuietly(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
                // NOTE: never the same batch for both: this thread reads the batch outside the lock, and a line queued
                // into a batch being read would break the reading.
                batch = pending;
                pending = spare;
                last = closing;
            }
            // NOTE: made outside the lock: the listener never waits on them.
            for (Object entry : batch) {
                make(entry);
            }
            batchEnd(last);
            send();
            if (unforced) {
                force();
            }
            batch.clear();
            synchronized (this) {
                spare = batch;
                held = maker.holding();
                if (held && pending.isEmpty()) {
                    batchStarted = clock.getAsLong(); // NOTE: what is held is written with the next batch
                }
            }
            if (last) {
                return;
            }
        }
    }

    /**
     * Appends {@code entry}'s line and its newline to the batch (an entry that makes no bytes makes no line); a line
     * that cannot be made is left out, and told.
     */
    private void make(Object entry) {
        int start = bytes.size();
        try {
            maker.make(entry, bytes);
            if (bytes.size() > start) {
                bytes.ascii('\n');
            }
        } catch (RuntimeException | StackOverflowError e) {
            // NOTE: this thread must go on (every later line depends on it); the journal is incomplete, and says so.
            // The whole lines the line wrote before its own stay: a later line may refer to them.
            bytes.truncate(bytes.lastLineEnd(start));
            tell("a line could not be made: " + e);
        }
        if (bytes.size() >= CHUNK_BYTES) {
            send();
        }
    }

    /** The maker's lines that end a batch: those it held back long enough (whole lines, each with its newline). */
    private void batchEnd(boolean last) {
        int start = bytes.size();
        try {
            maker.batchEnd(bytes, last);
        } catch (RuntimeException | StackOverflowError e) {
            bytes.truncate(bytes.lastLineEnd(start));
            tell("a line could not be made: " + e);
        }
    }

    /** Writes the bytes made so far (not forced yet), and empties the buffer. */
    private void send() {
        if (!writeFailed && bytes.size() > 0) {
            try {
                sink.write(bytes.contents());
                unforced = true;
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }
        bytes.clear();
    }

    private void force() {
        unforced = false;
        if (!writeFailed) {
            try {
                sink.force();
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }
    }

    /** A write failed: nothing more is written. */
    private void fail(Exception e) {
        writeFailed = true;
        tell(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** Tells the first failure, at once. */
    private void tell(String why) {
        if (failure == null) {
            failure = path + ": " + why;
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
