package io.jobrun.report;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * A report file being written, so that a reader never sees half of one: the text goes to a temporary file beside the
 * target, which is renamed into the target's place when {@link #commit() committed}. A file that others add to (a
 * CI step summary) is appended to in place instead. A spool ({@link #spool()}) is scratch text a format fills while
 * the run goes and copies into its report at the end ({@link #append(ReportOut)}), byte for byte: held in memory
 * while it is small, as it mostly is, and in a scratch file once it grows past {@link #SPOOL_IN_MEMORY}.
 *
 * <p>Text collects in {@link #text} and goes to the file in large pieces ({@link #flushIfLarge()}): a call per value
 * on a {@code Writer}, which takes a lock and encodes in small steps, costs more than the value at 100,000 rows.
 */
final class ReportOut implements Closeable {
    private static final int PIECE = 1 << 16;
    /**
     * How much text a spool holds before it goes to a file: a file of its own, written and then copied, took a
     * quarter of the JUnit report's end at 100,000 tasks, whose spool holds its first thousand test cases (370 kB).
     */
    static final int SPOOL_IN_MEMORY = 1 << 22;

    /** What is not in the file yet; append to it, then call {@link #flushIfLarge()} between records. */
    final StringBuilder text = new StringBuilder(PIECE + 8192);
    /** Null for a spool that is still in memory. */
    private FileChannel channel;
    /** Where the text goes: the temporary file, the target when appending, or the spool's file; null as channel. */
    private Path written;
    /** The file the temporary file becomes, or null (appending, a spool). */
    private final Path target;
    private final long existing;
    /** Whether closing removes the file: a temporary file not committed, or a spool. */
    private final boolean removedOnClose;

    private ReportOut(FileChannel channel, Path written, Path target, long existing, boolean removedOnClose) {
        this.channel = channel;
        this.written = written;
        this.target = target;
        this.existing = existing;
        this.removedOnClose = removedOnClose;
    }

    /** Opens the report file {@code target}, creating its directories; appends to it or replaces it whole. */
    static ReportOut open(Path target, boolean append) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        if (append) {
            long existing = Files.exists(target) ? Files.size(target) : 0;
            return new ReportOut(FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), target, null, existing, false);
        }
        // NOTE: not Files.createTempFile: its file is private (0600), and the rename would make the report so too.
        Path temporary = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        return new ReportOut(FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                temporary, target, 0, true);
    }

    /**
     * Scratch text, in memory until it grows large; then in a file, removed when closed (or at the latest when this
     * JVM exits).
     */
    static ReportOut spool() {
        return new ReportOut(null, null, null, 0, true);
    }

    /** Whether the text is kept in a file: always but for a small spool. */
    boolean filed() {
        return channel != null;
    }

    /** How many bytes the file held before: what others appended, when appending; 0 otherwise. */
    long existing() {
        return existing;
    }

    void flushIfLarge() throws IOException {
        if (text.length() >= (channel == null ? SPOOL_IN_MEMORY : PIECE)) {
            flush();
        }
    }

    void flush() throws IOException {
        if (text.isEmpty()) {
            return;
        }
        if (channel == null) {
            Path file = Files.createTempFile("jobrun-report", ".spool");
            file.toFile().deleteOnExit();
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            written = file;
        }
        write(text);
        text.setLength(0);
    }

    private void write(CharSequence chars) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(chars.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Copies everything written to {@code spool} to the end of this file; the spool keeps it. */
    void append(ReportOut spool) throws IOException {
        flush();
        if (!spool.filed()) {
            write(spool.text);
            return;
        }
        spool.flush();
        long size = spool.channel.size();
        long done = 0;
        while (done < size) {
            done += spool.channel.transferTo(done, size - done, channel);
        }
    }

    /**
     * Writes what is left and puts the file in place of its target; after this, closing does nothing more.
     *
     * <p>NOTE: a target that is a file is removed first, so that the rename does not replace one: ext4 (as mounted by
     * default, {@code auto_da_alloc}) takes a rename over a file for an application saving it, and starts writing the
     * new file out in the rename itself, 0.4-0.6 ms for the report files of a 100,000-task run, against 0.05 without.
     * A reader still never sees part of a file, only, for the microseconds between the two calls, none. Reports make
     * no claim to outlive a crash of the machine; the journal does.
     */
    void commit() throws IOException {
        flush();
        channel.close();
        if (target != null) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(target);
            }
            try {
                Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Closes the file; a temporary file or spool not committed is removed, an appended file keeps what it got. */
    @Override
    public void close() throws IOException {
        if (channel == null) {
            text.setLength(0);
            return;
        }
        channel.close();
        if (removedOnClose) {
            Files.deleteIfExists(written);
        }
    }
}
