package io.jobrun.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a job file's text for any front, refusing what cannot be a job file before a parser sees it: a missing file,
 * a directory, a file too large, binary data, text that is not UTF-8, control characters, an empty file.
 */
public final class JobSource {
    /** The largest job file read: YAML's own limit (3 Mi code points), and plenty for any hand-written job. */
    public static final long MAX_BYTES = 3L * 1024 * 1024;
    /**
     * How deep lists, maps and brackets may nest in a job file, in either syntax. Both parsers recurse once per level,
     * so a file nested thousands deep would overflow the stack; the fronts refuse one past this limit first.
     */
    public static final int MAX_NESTING = 50;

    /**
     * A file that cannot be a job file. The message says why, without the file's name; when the trouble is at a place
     * in the text (a NUL byte, a byte that is not UTF-8, a control character, an empty file), {@link #line()} and
     * {@link #column()} say where, so that the user sees {@code file:line:col} as for any other problem.
     */
    public static final class UnreadableException extends Exception {
        /** 1-based, or 0 when the problem is the file as a whole (missing, a directory, too large). */
        private final int line;
        /** 1-based, in characters; 0 when unknown. */
        private final int column;

        public UnreadableException(String message) {
            this(message, 0, 0);
        }

        UnreadableException(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        /** The problem at its place in {@code file}, or null when it belongs to the file as a whole. */
        public Problem problem(String file) {
            return line == 0 ? null : new Problem(new SourcePosition(file, line, column), getMessage());
        }
    }

    private JobSource() {
    }

    /** The problem of a file nested past {@link #MAX_NESTING}, in the same words for both syntaxes. */
    public static String tooDeeplyNested() {
        return "nested more than " + MAX_NESTING + " levels deep here (a job file may nest lists, maps and brackets at "
                + "most " + MAX_NESTING + " deep)";
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
                throw at(bytes, i, "a NUL byte: the file is binary, not text (a job file is UTF-8 text)");
            }
        }
        StrictUtf8 decoded = StrictUtf8.decode(bytes);
        if (decoded.text() == null) {
            throw at(bytes, decoded.badOffset(), String.format(Locale.ROOT, "a byte that is not UTF-8 (0x%02X): a job "
                    + "file is UTF-8 text", bytes[decoded.badOffset()] & 0xff));
        }
        String text = decoded.text();
        for (int i = 0; i < text.length(); i++) {
            if (!allowed(text.charAt(i))) {
                throw at(bytes, text.substring(0, i).getBytes(StandardCharsets.UTF_8).length, String.format(
                        Locale.ROOT, "a control character (U+%04X), which a job file may not hold; inside quotes, "
                                + "write it as the escape \\u%04X", (int) text.charAt(i), (int) text.charAt(i)));
            }
        }
        // NOTE: a byte-order mark, as some Windows editors write, is not part of the text; Groovy would refuse it.
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (body.isBlank()) {
            throw new UnreadableException("the file is empty (expected a job: at least one task)", 1, 0);
        }
        return body;
    }

    /**
     * Whether a job file may hold {@code c} as it is: YAML's printable characters (tab, line breaks, and everything
     * from the space on but DEL, the C1 controls and the two non-characters), so that both syntaxes refuse the same
     * characters in the same words; a terminal would otherwise act on them when a message quotes the line.
     */
    private static boolean allowed(char c) {
        return c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c < 0x7f || c >= 0xa0 && c <= 0xfffd;
    }

    /** A problem at byte {@code offset} of {@code bytes}, placed by line and by character within the line. */
    private static UnreadableException at(byte[] bytes, int offset, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
        return new UnreadableException(message, line, before.codePointCount(0, before.length()) + 1);
    }
}
