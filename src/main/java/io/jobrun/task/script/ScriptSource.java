package io.jobrun.task.script;

import java.io.Serializable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The code of a script and where it came from, so that an error can name the line a user wrote.
 *
 * @param code the script text
 * @param origin the file it is reported against: the script file, or the job file that holds it inline
 * @param firstLine the line of {@code origin} on which {@code code} starts (1 for a script file)
 */
public record ScriptSource(String code, String origin, int firstLine) implements Serializable {
    public ScriptSource {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(origin, "origin");
        if (origin.isBlank()) {
            throw new IllegalArgumentException("a script's origin must name a file or a place, got a blank string");
        }
        if (firstLine < 1) {
            throw new IllegalArgumentException("a script's first line is counted from 1, got " + firstLine);
        }
    }

    /** Code written inline, reported against {@code origin} from {@code firstLine} on. */
    public static ScriptSource inline(String code, String origin, int firstLine) {
        return new ScriptSource(code, origin, firstLine);
    }

    /** Code with no file behind it (tests, benchmarks): reported as "inline", line 1. */
    public static ScriptSource inline(String code) {
        return new ScriptSource(code, "inline", 1);
    }

    /** The contents of a script file (UTF-8), read now; errors name the file as given. */
    public static ScriptSource file(Path file) {
        try {
            return new ScriptSource(Files.readString(file, StandardCharsets.UTF_8), file.toString(), 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The line of {@code origin} that holds line {@code scriptLine} of the code. */
    public int originLine(int scriptLine) {
        return firstLine + scriptLine - 1;
    }
}
