package io.jobrun.job.text;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file could not be read or written, in words: the JDK's file exceptions often carry only the path, so that
 * "could not write x.html: /proc/.x.html.tmp" said nothing of why.
 */
public final class IoReasons {
    private IoReasons() {
    }

    /** Why, and the file it happened to: "permission denied: /var/log/jobrun". */
    public static String of(Exception e) {
        String what = what(e);
        if (what == null) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String file = e instanceof FileSystemException files ? files.getFile() : null;
        return file == null ? what : what + ": " + file;
    }

    /** Why alone, for a message that names the file itself (a temporary file's name would only puzzle). */
    public static String reason(Exception e) {
        String what = what(e);
        return what != null ? what : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String what(Exception e) {
        return switch (e) {
            case AccessDeniedException ignored -> "permission denied";
            case NoSuchFileException ignored -> "no such file or directory";
            case NotDirectoryException ignored -> "not a directory";
            case FileSystemException files -> files.getReason();
            default -> null;
        };
    }
}
