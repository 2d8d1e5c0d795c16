package io.jobrun.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A shell task's {@code dir:} that is missing or not a directory. Without this check the JDK's words would reach the
 * report: "Cannot run program "/usr/bin/setsid" (in directory ...): error: 2", naming a program the user never wrote.
 */
public final class ShellDirectoryException extends IOException {
    private ShellDirectoryException(String message) {
        super(message);
    }

    /** @throws ShellDirectoryException when {@code directory} is missing or not a directory */
    static void check(String directory) throws ShellDirectoryException {
        Path path = Path.of(directory);
        String problem = !Files.exists(path) ? "does not exist"
                : !Files.isDirectory(path) ? "is not a directory" : null;
        if (problem != null) {
            String where = path.isAbsolute() ? "" : " (from " + Path.of("").toAbsolutePath() + ")";
            throw new ShellDirectoryException("shell dir '" + directory + "' " + problem + where);
        }
    }
}
