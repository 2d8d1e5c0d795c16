package io.jobrun.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a job file's text for any front, refusing what cannot be a job file before a parser sees it: a missing file,
 * a directory, a file too large, binary data, text that is not UTF-8, an empty file.
 */
public final class JobSource {
    /** The largest job file read: YAML's own limit (3 Mi code points), and plenty for any hand-written job. */
    public static final long MAX_BYTES = 3L * 1024 * 1024;

    /** A file that cannot be a job file; the message says why, without the file's name. */
    public static final class UnreadableException extends Exception {
        public UnreadableException(String message) {
            super(message);
        }
    }

    private JobSource() {
    }

    /** The text of {@code path}. */
    public static String read(Path path) throws UnreadableException {
        if (Files.isDirectory(path)) {
            throw new UnreadableException("is a directory, not a job file");
        }
        if (!Files.exists(path)) {
            throw new UnreadableException("no such file");
        }
        if (!Files.isRegularFile(path)) {
            throw new UnreadableException("is not a regular file");
        }
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new UnreadableException(String.format(Locale.ROOT, "is too large: %.1f MiB (a job file may be at "
                        + "most %d MiB)", size / (1024.0 * 1024), MAX_BYTES / (1024 * 1024)));
            }
            byte[] bytes;
            // NOTE: read at most one byte past the limit, in case the file grew after the size check.
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw new UnreadableException("is too large (a job file may be at most " + MAX_BYTES / (1024 * 1024)
                        + " MiB)");
            }
            return text(bytes);
        } catch (IOException e) {
            throw new UnreadableException("cannot be read: " + e.getMessage());
        }
    }

    /** Checks {@code bytes} and decodes them. */
    static String text(byte[] bytes) throws UnreadableException {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new UnreadableException("is binary, not text (a NUL byte at offset " + i + "); a job file is "
                        + "UTF-8 text");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        String text;
        try {
            text = decoder.decode(buffer).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableException("is not UTF-8 text (a bad byte near offset " + buffer.position()
                    + "); a job file is UTF-8 text");
        }
        if (text.isBlank()) {
            throw new UnreadableException("is empty (expected a job: at least one task)");
        }
        return text;
    }
}
