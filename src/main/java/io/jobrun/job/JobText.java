package io.jobrun.job;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A job file's text, read once ({@link JobSource}) and handed to the front its name calls for.
 *
 * @param file how messages name it: the path as the user typed it
 * @param path where it is, for what the job names relative to it (a script file)
 * @param text its content, checked to be UTF-8 text
 */
public record JobText(String file, Path path, String text) {
    public JobText {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }

    /** Reads {@code path} once, refusing what cannot be a job file. */
    public static JobText read(Path path, String file) throws JobSource.UnreadableException {
        return new JobText(file, path, JobSource.read(path));
    }
}
