package io.jobrun.job;

import io.jobrun.job.text.Excerpt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An env file ({@code .env}), in the format just, Taskfile and docker compose read: {@code NAME=value} a line,
 * {@code export NAME=value} too, {@code #} comments and blank lines; a value in single quotes is taken as written, one
 * in double quotes reads {@code \n}, {@code \t}, {@code \"} and {@code \\} as escapes, and either may span lines (a PEM
 * key). An unquoted value ends at a {@code #} after a space, and its surrounding spaces are dropped. No {@code $VAR}
 * is expanded: a value is data.
 *
 * <p>Every bad line is a problem at {@code FILE:LINE}; a NUL byte (no environment variable can hold one), bytes that
 * are not UTF-8, and a file over {@link #MAX_BYTES} (the kernel refuses to start a process whose environment is larger
 * than about 2 MiB, so such a file would fail every shell task) are refused as a whole.
 */
public final class EnvFile {
    /** The largest env file read. */
    public static final int MAX_BYTES = 1 << 20;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** An env file that cannot be used; {@link #problems()} say where and why, one line each. */
    public static final class UnreadableException extends Exception {
        private final List<Problem> problems;

        UnreadableException(List<Problem> problems) {
            super(problems.get(0).toString());
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private EnvFile() {
    }

    /**
     * The variables of the env file at {@code path}, in file order (a name given twice has its last value).
     *
     * @param shown how messages name the file ({@code jobs/.env})
     */
    public static Map<String, String> read(Path path, String shown) throws UnreadableException {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw whole(shown, "is a directory, not an env file");
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw tooLarge(shown, size);
            }
            // NOTE: read at most one byte past the limit, in case the file grew after the size check.
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw whole(shown, "no such file");
        } catch (IOException e) {
            throw whole(shown, "cannot be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(shown, bytes.length);
        }
        return parse(bytes, shown);
    }

    /** The variables in {@code bytes}, an env file's contents. */
    static Map<String, String> parse(byte[] bytes, String shown) throws UnreadableException {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw at(shown, lineOf(bytes, i), "a NUL byte, which no environment variable can hold (an env file "
                        + "is UTF-8 text)");
            }
        }
        StrictUtf8 decoded = StrictUtf8.decode(bytes);
        if (decoded.text() == null) {
            throw at(shown, lineOf(bytes, decoded.badOffset()), String.format(Locale.ROOT,
                    "a byte that is not UTF-8 (0x%02X): an env file is UTF-8 text", bytes[decoded.badOffset()] & 0xff));
        }
        String text = decoded.text();
        return new Parser(text.startsWith("\uFEFF") ? text.substring(1) : text, shown).variables();
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static UnreadableException whole(String shown, String message) {
        return new UnreadableException(List.of(new Problem(SourcePosition.of(shown), message)));
    }

    private static UnreadableException tooLarge(String shown, long size) {
        return whole(shown, String.format(Locale.ROOT, "is too large: %.1f MiB (an env file may be at most %d MiB; "
                + "it holds settings, and a process cannot start with an environment that large)",
                size / (1024.0 * 1024), MAX_BYTES >> 20));
    }

    private static UnreadableException at(String shown, int line, String message) {
        return new UnreadableException(List.of(new Problem(new SourcePosition(shown, line, 0), message)));
    }

    /** One pass over the lines, collecting every bad one. */
    private static final class Parser {
        private final String[] lines;
        private final String shown;
        private final Map<String, String> variables = new LinkedHashMap<>();
        private final List<Problem> problems = new ArrayList<>();
        /** The 0-based index of the line being read. */
        private int index;

        Parser(String text, String shown) {
            this.lines = text.split("\n", -1);
            this.shown = shown;
        }

        Map<String, String> variables() throws UnreadableException {
            for (index = 0; index < lines.length; index++) {
                line(strip(lines[index]));
            }
            if (!problems.isEmpty()) {
                throw new UnreadableException(problems);
            }
            return variables;
        }

        private static String strip(String line) {
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }

        private void line(String line) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                return;
            }
            if (text.startsWith("export ") || text.startsWith("export\t")) {
                text = text.substring("export".length()).strip();
            }
            int equals = text.indexOf('=');
            if (equals < 0) {
                // NOTE: the line itself is not quoted: a line of an env file may be a secret pasted without its name.
                problem("expected NAME=value (or export NAME=value, a # comment, a blank line); the line is not"
                        + " shown, since it may hold a secret");
                return;
            }
            String name = text.substring(0, equals).strip();
            if (!NAME.matcher(name).matches()) {
                problem(Excerpt.of(name) + " is not a variable name (letters, digits and _, not starting with a"
                        + " digit)");
                return;
            }
            String value = value(text.substring(equals + 1).strip());
            if (value != null) {
                variables.put(name, value);
            }
        }

        /** The value written after {@code =}; null after a problem. */
        private String value(String written) {
            if (written.startsWith("'") || written.startsWith("\"")) {
                return quoted(written);
            }
            int comment = written.indexOf(" #");
            int tabComment = written.indexOf("\t#");
            if (tabComment >= 0 && (comment < 0 || tabComment < comment)) {
                comment = tabComment;
            }
            return (comment < 0 ? written : written.substring(0, comment)).strip();
        }

        /** A value in quotes, which may go on over the next lines until its closing quote. */
        private String quoted(String written) {
            char quote = written.charAt(0);
            int first = index;
            StringBuilder value = new StringBuilder();
            String rest = written.substring(1);
            while (true) {
                for (int i = 0; i < rest.length(); i++) {
                    char c = rest.charAt(i);
                    if (c == quote) {
                        String after = rest.substring(i + 1).strip();
                        if (!after.isEmpty() && !after.startsWith("#")) {
                            problem("text after the closing " + quote + " (a comment starts with #)");
                            return null;
                        }
                        return value.toString();
                    }
                    if (c == '\\' && quote == '"' && i + 1 < rest.length()) {
                        value.append(escape(rest.charAt(++i)));
                    } else {
                        value.append(c);
                    }
                }
                if (index + 1 >= lines.length) {
                    index = first;
                    problem("the value's " + quote + " is never closed");
                    index = lines.length;
                    return null;
                }
                value.append('\n');
                rest = strip(lines[++index]);
            }
        }

        private static String escape(char c) {
            return switch (c) {
                case 'n' -> "\n";
                case 't' -> "\t";
                case 'r' -> "\r";
                case '"', '\\', '$' -> String.valueOf(c);
                default -> "\\" + c;
            };
        }

        private void problem(String message) {
            problems.add(new Problem(new SourcePosition(shown, index + 1, 0), message));
        }
    }
}
