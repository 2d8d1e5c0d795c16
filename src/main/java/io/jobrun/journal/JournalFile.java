package io.jobrun.journal;

import io.jobrun.run.ThreadJoin;
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
 * makes the lines' bytes and writes what is queued, {@link #WINDOW_MILLIS} after the first line of a batch was
 * appended or once {@link #BATCH_LINES} are queued, whichever comes first; it has what it wrote forced to disk once
 * the oldest line not forced yet was appended {@link #WINDOW_MILLIS} ago, and once more when the file is closed. The
 * batches a fast run fills within one window thus share one force, and no line waits longer for the disk than when
 * each batch was forced. The force runs on a thread of its own ({@link DiskForcer}): it waits milliseconds for the
 * device, in which the writer goes on making lines. A crash loses at most the lines of the last window, and those
 * instances simply run again.
 *
 * <p>A line is queued as an entry that the writer's thread turns into bytes: a {@link Line}, or an object of the
 * journal's own that its {@link Maker} makes (a run's event, queued as it came, with nothing made for it). The JSON of
 * 100,000 ends is then made off the thread that delivers the run's events (which the run waits for at its end), on a
 * thread that otherwise sleeps between batches.
 *
 * <p>Lines that must be on disk before what they record happens ({@link #awaitOnDisk}) have their batch taken and
 * forced at once, and their caller waits for that.
 *
 * <p>The maker may hold a line back to the end of the next batch, or drop it (the journal drops the start of an
 * instance whose end comes soon: {@link PendingStarts}); while it holds lines, the writer takes a batch within each
 * window, so a line held for one batch is still on disk within two windows.
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
     * may hold some back, to write them at the end of a batch a window later or never (when to force assumes no line
     * is held longer).
     */
    @FunctionalInterface
    interface Maker {
        /** Makes {@link Line}s only. */
        Maker LINES = (entry, out) -> ((Line) entry).writeTo(out);

        /** Writes {@code entry}'s line as a {@link Line} does, or nothing (no line, or one held back). */
        void make(Object entry, LineBuffer out);

        /**
         * A batch's entries are about to be made; they came no earlier than {@code started} (when its window began, by
         * the journal's clock, in nanoseconds): what is held back of them dates from then.
         */
        default void batchBegin(long started) {
        }

        /**
         * The batch's entries are made: writes the whole lines held back that are due, held since an earlier batch
         * that began at least a window before {@code now}, when this batch was taken (each with its newline), and on
         * the {@code last} batch all that are held.
         */
        default void batchEnd(LineBuffer out, boolean last, long now) {
        }

        /** Whether lines are held back: the writer then takes a batch within its window, even an empty one. */
        default boolean holding() {
            return false;
        }

        /** When the oldest line held back came, by the journal's clock; only while {@link #holding()}. */
        default long heldSince() {
            return Long.MAX_VALUE;
        }
    }

    /**
     * How long a batch gathers lines before it is written, and how long after the oldest line written was appended
     * it is forced: well under the promised 50 ms.
     */
    static final long WINDOW_MILLIS = 20;
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);
    /**
     * How many lines end a batch before its window does: the writer then starts on them at once, and keeps pace with
     * a run that ends thousands of instances a millisecond instead of leaving them all to the run's end.
     */
    static final int BATCH_LINES = 4096;
    /** How many bytes are made before they are written (forced once, however many writes it took). */
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
    /** How many entries were appended. Guarded by this. */
    private long appended;
    /**
     * How many of the first entries appended are made, and their lines (but those the maker holds back) on disk, or
     * could not be written. Guarded by this.
     */
    private long forcedThrough;
    /** Set while entries wait to be on disk ({@link #awaitOnDisk}): their batch is taken and forced at once. */
    private boolean urgent;
    /** How many of the first entries appended are made and written; the writer thread only. */
    private long sentThrough;
    /** Why the journal is incomplete, or null; written by the writer and forcer threads, read after they end. */
    private volatile String failure;
    /** Set when a write or a force failed: nothing more is written. Set by the writer or the forcer. */
    private volatile boolean writeFailed;
    /** Guards the telling of the first failure. */
    private final Object failureLock = new Object();
    /** Forces what the writer wrote, on a thread of its own ({@link DiskForcer}). */
    private final DiskForcer forcer;
    /** Whether bytes were written since the last force was asked for; the writer thread only. */
    private boolean unforced;
    /**
     * When the oldest line written since the last force was appended, by {@link #clock}, or earlier (a batch's lines
     * are known only to have come after its window started); the force is due {@link #WINDOW_MILLIS} after it. The
     * writer thread only, while {@link #unforced}.
     */
    private long unforcedSince;
    /** When the lines of the batch being written were appended, or earlier; the writer thread only. */
    private long writingSince;
    /**
     * When the lines the maker holds back were appended, or earlier: the start of the batch they came in (they are
     * written with the next). The writer thread only, while {@link #held}.
     */
    private long heldSince;

    private JournalFile(Path path, FileChannel channel, FileLock lock, JournalSink sink, LongSupplier clock,
                        Consumer<String> onFailure, Maker maker) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.sink = sink;
        this.clock = clock;
        this.onFailure = onFailure;
        this.maker = maker;
        this.forcer = new DiskForcer(sink, () -> writeFailed, this::fail, this::forcedThrough);
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
        appended++;
        if (pending.size() == BATCH_LINES) {
            notifyAll();
        }
    }

    /**
     * Has the lines queued so far taken and forced at once rather than at their window's end, and returns once they
     * are on disk, or could not be written (which is told as any failure is), or the file closed. For what must be on
     * record before it happens: a few milliseconds of the caller's time, however many lines it queued before.
     */
    synchronized void awaitOnDisk() {
        if (closing) {
            return;
        }
        long ticket = appended;
        if (forcedThrough >= ticket) {
            return;
        }
        urgent = true;
        notifyAll();
        boolean interrupted = false;
        while (forcedThrough < ticket && writer.isAlive()) {
            try {
                wait(100); // NOTE: bounded: a writer that dies of an error notifies nobody
            } catch (InterruptedException e) {
                interrupted = true; // NOTE: the line is on disk within milliseconds; the caller relies on it
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
        boolean interrupted = ThreadJoin.uninterruptibly(writer); // NOTE: the last batch must still reach the disk
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
        try {
            writeBatches();
        } finally {
            forcer.finish(); // NOTE: also when this thread dies of an error: what was written is still forced
        }
    }

    private void writeBatches() {
        while (true) {
            Batch batch = nextBatch();
            if (batch == null) {
                // NOTE: no batch is due, but the oldest line written reached its window: it must not wait for one,
                // as no more lines may come.
                force();
                continue;
            }
            writingSince = batch.since();
            // NOTE: made outside the lock: the listener never waits on them.
            maker.batchBegin(batch.started());
            for (Object entry : batch.entries()) {
                make(entry);
            }
            // NOTE: judged at the batch's taking, not now: the ends of held starts may have been queued while it was
            // made, and are seen only with the next batch; judged now, a start whose end was queued in time was written
            batchEnd(batch.last(), batch.taken());
            send();
            sentThrough = batch.through();
            if (unforced && (batch.last() || batch.urgent() || forceDue(clock.getAsLong()))) {
                force();
            } else if (!unforced) {
                forcer.request(sentThrough, false); // NOTE: no bytes of their own: durable with those before them
            }
            batch.entries().clear();
            synchronized (this) {
                spare = batch.entries();
                held = maker.holding();
                if (held) {
                    heldSince = maker.heldSince();
                }
                if (held && pending.isEmpty()) {
                    batchStarted = clock.getAsLong(); // NOTE: what is held is written with the next batch
                }
            }
            if (batch.last()) {
                return;
            }
        }
    }

    /**
     * A batch taken to be written: its entries; whether it is the last; when its window started (its own lines came
     * after); when the oldest of the lines it writes came, or earlier (those the maker held came before); how many
     * entries were appended with it and before it; whether one of them waits to be on disk; and when it was taken
     * (every entry appended before then is in it or in an earlier batch).
     */
    private record Batch(List<Object> entries, boolean last, long started, long since, long through,
                         boolean urgent, long taken) {
    }

    /**
     * The first {@code through} entries are on disk (or could not be written): those who wait for their lines may go
     * on. Called by the forcer, in order.
     */
    private synchronized void forcedThrough(long through) {
        forcedThrough = Math.max(forcedThrough, through);
        notifyAll();
    }

    /**
     * Waits until a batch is due (its window passed, it is full, or the file closes) and takes it, or until the lines
     * written are due to be forced with no batch due: then null.
     */
    private synchronized Batch nextBatch() {
        while (true) {
            long now = clock.getAsLong();
            boolean gathering = !pending.isEmpty() || held;
            long batchLeft = batchStarted + WINDOW_NANOS - now;
            if (closing || urgent || pending.size() >= BATCH_LINES || gathering && batchLeft <= 0) {
                // NOTE: never the same list for both: this thread reads the batch outside the lock, and a line queued
                // into a batch being read would break the reading.
                List<Object> entries = pending;
                pending = spare;
                boolean forcedNow = urgent;
                urgent = false;
                return new Batch(entries, closing, batchStarted, held ? heldSince : batchStarted, appended,
                        forcedNow, now);
            }
            if (unforced && forceDue(now)) {
                return null;
            }
            // NOTE: each window runs from its first line, so a line waits at most the window however late this thread
            // wakes; with nothing gathering or written, only a line or the close wakes it.
            long left = Long.MAX_VALUE;
            if (gathering) {
                left = batchLeft;
            }
            if (unforced) {
                left = Math.min(left, unforcedSince + WINDOW_NANOS - now);
            }
            waitQuietly(left == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    /** Whether the oldest line written and not forced was appended a window ago ({@link #unforced} only). */
    private boolean forceDue(long now) {
        return now - unforcedSince >= WINDOW_NANOS;
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
    private void batchEnd(boolean last, long now) {
        int start = bytes.size();
        try {
            maker.batchEnd(bytes, last, now);
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
                if (!unforced) {
                    unforced = true;
                    unforcedSince = writingSince;
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }
        bytes.clear();
    }

    /** Has what was written so far forced, by the forcer, while this thread goes on. */
    private void force() {
        unforced = false;
        forcer.request(sentThrough, true);
    }

    /** A write or a force failed: nothing more is written. On the writer's or the forcer's thread. */
    private void fail(Throwable e) {
        writeFailed = true;
        tell(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** Tells the first failure, at once; the writer and the forcer may both fail. */
    private void tell(String why) {
        synchronized (failureLock) {
            if (failure == null) {
                failure = path + ": " + why;
                onFailure.accept(failure);
            }
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
