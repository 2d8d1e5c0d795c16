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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import io.jobrun.json.JsonWriter;

/**
 * One run's journal file, appended to with group commit: {@link #append} only queues a line; a thread of its own
 * makes the lines' text, writes what is queued and forces it to disk, {@link #WINDOW_MILLIS} after the first line of
 * a batch was appended or once {@link #BATCH_LINES} are queued, whichever comes first, and once more when the file is
 * closed. A crash loses at most the last batch, and those instances simply run again.
 *
 * <p>A line is queued as a {@link Line}, which the writer's thread turns into text: the JSON of 100,000 ends is then
 * made off the thread that delivers the run's events (which the run waits for at its end), on a thread that otherwise
 * sleeps between batches.
 *
 * <p>A line that says an instance started ({@link #started}) waits for the batch to be taken, and is dropped when the
 * instance's end ({@link #ended}) came first: the disk then holds the end, which says more, and never a start without
 * its end for an instance that had ended when the batch was written; an instance still running has its start written.
 *
 * <p>The file stays locked while the run lives (released by the operating system when the process dies, however it
 * dies), which is how a resume tells a live run from a dead one. The first write that fails is told to
 * {@code onFailure} at once; nothing more is written after it. A line that cannot be made is left out and told the
 * same way; the others are still written.
 */
final class JournalFile implements AutoCloseable {
    /**
     * One line of the journal, made on the writer's thread: it writes one JSON value with {@code json} (reset for
     * it), and may first write whole lines of its own into {@code json.buffer()}, each ended by a newline.
     */
    @FunctionalInterface
    interface Line {
        void writeTo(JsonWriter json);
    }

    /** How long a batch gathers lines before it is written and forced: well under the promised 50 ms. */
    static final long WINDOW_MILLIS = 20;
    /**
     * How many lines end a batch before its window does: the writer then starts on them at once, and keeps pace with
     * a run that ends thousands of instances a millisecond instead of leaving them all to the run's end.
     */
    static final int BATCH_LINES = 4096;
    /** How much text is made before it is written (a batch is forced once, however many writes it took). */
    private static final int CHUNK_CHARS = 1 << 16;

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final JournalSink sink;
    /** The clock the window is measured on, in nanoseconds: {@link System#nanoTime()} but in tests. */
    private final LongSupplier clock;
    private final Consumer<String> onFailure;
    private final Thread writer;
    /** Lines not written yet, in their order. Guarded by this. */
    private List<Line> pending = new ArrayList<>();
    /** The list of lines last written, emptied, for the next batch. Guarded by this. */
    private List<Line> spare = new ArrayList<>();
    /** Starts of instances not written yet, by instance id (anything with equals), in their order. Guarded by this. */
    private Map<Object, Line> starts = new LinkedHashMap<>();
    /** The starts' map last written, emptied, for the next batch. Guarded by this. */
    private Map<Object, Line> spareStarts = new LinkedHashMap<>();
    /**
     * The text of the lines made and not written yet, and the writer of each line into it; the writer thread only.
     * Written every {@link #CHUNK_CHARS} or so, so that it stays small however large the batch (a batch of 100,000
     * ends is 19 MB, and a buffer grown to that size, twice per doubling, measured as much as making the lines).
     */
    private final StringBuilder text = new StringBuilder(CHUNK_CHARS + 4096);
    private final JsonWriter json = JsonWriter.compact(text);
    /** Turns a batch into UTF-8; the writer thread only. */
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    /** The text in the form the encoder reads fastest; the writer thread only. Holds a chunk and a usual line. */
    private final char[] chars = new char[CHUNK_CHARS + 4096];
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
    /** Whether text was written since the last force; the writer thread only. */
    private boolean unforced;

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

    /** Queues one line, made when its batch is written; safe from any thread, never waits for the disk. */
    synchronized void append(Line line) {
        if (closing) {
            return;
        }
        opening();
        pending.add(line);
        if (pending.size() == BATCH_LINES) {
            notifyAll();
        }
    }

    /** Queues one line of text (without its newline). */
    void append(CharSequence line) {
        String made = line.toString();
        append(json -> json.raw(made));
    }

    /**
     * Queues the start of instance {@code id}, to be written by {@code line} with the next batch unless
     * {@link #ended} comes first.
     */
    synchronized void started(Object id, Line line) {
        if (closing) {
            return;
        }
        opening();
        starts.put(id, line);
    }

    /** Queues the end of instance {@code id}; its start, when not written yet, never will be. */
    synchronized void ended(Object id, Line line) {
        starts.remove(id);
        append(line);
    }

    /** Queues the end of instance {@code id} as text (without its newline). */
    void ended(Object id, CharSequence line) {
        String made = line.toString();
        ended(id, json -> json.raw(made));
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
            List<Line> batch;
            Map<Object, Line> batchStarts;
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
                batch = pending;
                pending = spare;
                // NOTE: never the same map for both: this thread reads the batch's starts outside the lock, and a
                // start put into a map being read (even an empty one) would break the reading and stop the journal.
                batchStarts = starts;
                starts = spareStarts;
                last = closing;
            }
            // NOTE: made outside the lock, the starts after the lines they came with: the listener never waits on them.
            for (Line line : batch) {
                make(line);
            }
            for (Line start : batchStarts.values()) {
                make(start);
            }
            send();
            if (unforced) {
                force();
            }
            batch.clear();
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

    /** Appends {@code line}'s text and its newline to the batch; a line that cannot be made is left out, and told. */
    private void make(Line line) {
        int start = text.length();
        try {
            json.reset();
            line.writeTo(json);
            text.append('\n');
        } catch (RuntimeException | StackOverflowError e) {
            // NOTE: this thread must go on (every later line depends on it); the journal is incomplete, and says so.
            // The whole lines the line wrote before its own stay: a later line may refer to them.
            text.setLength(Math.max(start, text.lastIndexOf("\n") + 1));
            tell("a line could not be made: " + e);
        }
        if (text.length() >= CHUNK_CHARS) {
            send();
        }
    }

    /** Writes the text made so far (not forced yet), and empties it. */
    private void send() {
        if (!writeFailed && !text.isEmpty()) {
            try {
                // NOTE: through a reused char array, not CharBuffer.wrap(text): the encoder takes its array path then,
                // which copies ASCII with one vectorized call, where a wrapped builder is read a char at a time.
                CharBuffer source = charsOfText();
                utf8.reset();
                for (CoderResult result = utf8.encode(source, bytes, true); !result.isUnderflow();
                     result = utf8.encode(source, bytes, true)) {
                    drain(); // the buffer is full: write it and go on
                }
                while (utf8.flush(bytes).isOverflow()) {
                    drain();
                }
                drain();
                unforced = true;
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }
        text.setLength(0);
    }

    /** The text made so far, copied into {@link #chars} (grown for a long line, and let go again after it). */
    private CharBuffer charsOfText() {
        int length = text.length();
        char[] into = length <= chars.length ? chars : new char[length];
        text.getChars(0, length, into, 0);
        return CharBuffer.wrap(into, 0, length);
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

    private void drain() throws IOException {
        bytes.flip();
        sink.write(bytes);
        bytes.clear();
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
