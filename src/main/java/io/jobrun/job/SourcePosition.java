package io.jobrun.job;

import java.util.Objects;

/**
 * Where a model element was written: file, 1-based line and column. Column 0 means "the whole line".
 *
 * @param file   the job file as the user named it, e.g. {@code jobs/hello.groovy}
 * @param line   1-based, or 0 when the element has no place in the file (a built-in default)
 * @param column 1-based, or 0 when unknown
 */
public record SourcePosition(String file, int line, int column) implements java.io.Serializable {
    public SourcePosition {
        Objects.requireNonNull(file, "file");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0, got " + line + ":" + column);
        }
    }

    /** The position of the file itself, for problems that belong to no line. */
    public static SourcePosition of(String file) {
        return new SourcePosition(file, 0, 0);
    }

    /** "jobs/x.groovy:7:5", "jobs/x.groovy:7" or "jobs/x.groovy", as much as is known. */
    @Override
    public String toString() {
        if (line == 0) {
            return file;
        }
        return column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
