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
 * <p>A line that says an instance started ({@link #started}) is held back for a batch or two ({@link PendingStarts})
 * and dropped when the instance's end ({@link #ended}) comes first: the disk then holds the end, which says more, and
 * never a start without its end for an instance that had ended when the batch was written; an instance still running
 * has its start written.
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

    /** Makes the line of an entry the journal queued: its own objects, and {@link Line}s. */
    @FunctionalInterface
    interface Maker {
        /** Makes {@link Line}s only. */
        Maker LINES = (entry, out) -> ((Line) entry).writeTo(out);

        /** Writes {@code entry}'s line as a {@link Line} does. */
        void make(Object entry, LineBuffer out);
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
    /** The starts held back until their end, or a batch or two. Guarded by this. */
    private final PendingStarts starts = new PendingStarts();
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
     * Holds the start of {@code instance}, {@code entry}, written with the second batch after it unless the instance's
     * end ({@link #ended}, with the same object) comes first.
     */
    synchronized void started(Object instance, Object entry) {
        if (closing) {
            return;
        }
        opening();
        starts.add(instance, entry);
    }

    /** Queues the end of {@code instance}, {@code entry}; its start, when not written yet, never will be. */
    synchronized void ended(Object instance, Object entry) {
        starts.ended(instance);
        append(entry);
    }

    /** Queues the end of {@code instance} as text (without its newline). */
    void ended(Object instance, CharSequence line) {
        String made = line.toString();
        ended(instance, (Line) out -> out.text(made));
    }

    /** A line is queued: when it is the batch's first, the batch's window starts now. Under this's lock. */
    private void opening() {
        if (pending.isEmpty() && starts.isEmpty()) {
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
                while (pending.isEmpty() && starts.isEmpty() && !closing) {
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
                starts.takeInto(batch, last);
                if (!starts.isEmpty()) {
                    batchStarted = clock.getAsLong(); // NOTE: the starts still held are written with the next batch
                }
            }
            // NOTE: made outside the lock: the listener never waits on them.
            for (Object entry : batch) {
                make(entry);
            }
            send();
            if (unforced) {
                force();
            }
            batch.clear();
            synchronized (this) {
                spare = batch;
            }
            if (last) {
                return;
            }
        }
    }

    /** Appends {@code entry}'s line and its newline to the batch; a line that cannot be made is left out, and told. */
    private void make(Object entry) {
        int start = bytes.size();
        try {
            maker.make(entry, bytes);
            bytes.ascii('\n');
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
