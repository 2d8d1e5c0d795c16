package io.jobrun.report;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * A report file being written, so that a reader never sees half of one: the text goes to a temporary file beside the
 * target, which replaces the target in one rename when {@link #commit() committed}. A file that others add to (a
 * CI step summary) is appended to in place instead. A spool ({@link #spool()}) is a scratch file a format fills
 * while the run goes and copies into its report at the end ({@link #append(ReportOut)}), byte for byte.
 *
 * <p>Text collects in {@link #text} and goes to the file in large pieces ({@link #flushIfLarge()}): a call per value
 * on a {@code Writer}, which takes a lock and encodes in small steps, costs more than the value at 100,000 rows.
 */
final class ReportOut implements Closeable {
    private static final int PIECE = 1 << 16;

    /** What is not in the file yet; append to it, then call {@link #flushIfLarge()} between records. */
    final StringBuilder text = new StringBuilder(PIECE + 8192);
    private final FileChannel channel;
    /** Where the text goes: the temporary file, the target when appending, or the spool. */
    private final Path written;
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

    /** A scratch file, removed when closed (or at the latest when this JVM exits). */
    static ReportOut spool() throws IOException {
        Path file = Files.createTempFile("jobrun-report", ".spool");
        file.toFile().deleteOnExit();
        return new ReportOut(FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE), file, null,
                0, true);
    }

    /** How many bytes the file held before: what others appended, when appending; 0 otherwise. */
    long existing() {
        return existing;
    }

    void flushIfLarge() throws IOException {
        if (text.length() >= PIECE) {
            flush();
        }
    }

    void flush() throws IOException {
        if (text.isEmpty()) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        text.setLength(0);
    }

    /** Copies everything written to {@code spool} to the end of this file. */
    void append(ReportOut spool) throws IOException {
        flush();
        spool.flush();
        long size = spool.channel.size();
        long done = 0;
        while (done < size) {
            done += spool.channel.transferTo(done, size - done, channel);
        }
    }

    /** Writes what is left and puts the file in place of its target; after this, closing does nothing more. */
    void commit() throws IOException {
        flush();
        channel.close();
        if (target != null) {
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
        channel.close();
        if (removedOnClose) {
            Files.deleteIfExists(written);
        }
    }
}
