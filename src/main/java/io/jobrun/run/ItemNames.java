package io.jobrun.run;

import java.io.File;
import java.nio.file.Path;

/** How a fan-out item reads in a task name: {@code analyze[a.txt]}, or its index when it has no short name. */
final class ItemNames {
    private static final int MAX = 32;

    private ItemNames() {
    }

    static String of(Object item, int index) {
        String text = switch (item) {
            case null -> null;
            case File file -> file.getName();
            case Path path -> String.valueOf(path.getFileName());
            case CharSequence chars -> chars.toString();
            case Number number -> number.toString();
            default -> null;
        };
        if (text != null && text.length() > MAX && text.indexOf('/') >= 0) {
            // NOTE: a path from a glob or a file's lines reads best by its last part: analyze[a.txt]
            text = text.substring(text.lastIndexOf('/') + 1);
        }
        if (text == null || text.isBlank() || text.length() > MAX || text.contains("\n")) {
            return String.valueOf(index);
        }
        return text;
    }
}
