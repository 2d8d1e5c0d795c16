package io.jobrun.job;

import java.io.File;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text an item of a fan-out (or of a pool's {@code map}) is named by: {@code analyze[a.txt]},
 * {@code test[linux, 3.11]}. One rule for the items a job declares and the items task code maps over.
 */
public final class ItemText {
    /** The longest text that names an item; a longer one is a path's last parts, or the item's index. */
    public static final int MAX = 32;

    private ItemText() {
    }

    /**
     * Names the items of one fan-out or one map, in order, each its own: its text when that is short and no earlier
     * item's, else its index, or {@code #index} when an earlier item's name is that index ({@code ["2", "x", "x"]}).
     */
    public static final class Names {
        private final Set<String> taken = new HashSet<>();
        private int index;

        /** The next item's name, given the text it would be named by (null for none). */
        public String next(String text) {
            String name = text == null || text.isBlank() || text.length() > MAX || !taken.add(text) ? null : text;
            if (name == null) {
                name = taken.add(String.valueOf(index)) ? String.valueOf(index) : "#" + index;
                taken.add(name);
            }
            index++;
            return name;
        }
    }

    /**
     * A string, a number, true or false, a file's name, or the values of a matrix's combination or of a pair
     * joined by ", "; null for an item with no such text, or one of several lines. May be longer than {@link #MAX}.
     */
    public static String of(Object item) {
        String text = switch (item) {
            case null -> null;
            case File file -> file.getName();
            case Path path -> String.valueOf(path.getFileName());
            case CharSequence chars -> chars.toString();
            case Number number -> number.toString();
            case Boolean bool -> bool.toString();
            // NOTE: a matrix's combination, or a pair, reads as a CI names a matrix job: test[linux, 3.11]
            case Map<?, ?> map -> joined(map.values());
            case List<?> list -> joined(list);
            default -> null;
        };
        return text == null || text.contains("\n") ? null : text;
    }

    /** The values' texts joined by ", " when each is a single value with a text of its own, else null. */
    private static String joined(Collection<?> values) {
        if (values.isEmpty()) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        for (Object value : values) {
            String text = value instanceof Collection<?> || value instanceof Map<?, ?> ? null : of(value);
            if (text == null || joined.length() + text.length() > MAX) {
                return null;
            }
            joined.append(joined.isEmpty() ? "" : ", ").append(text);
        }
        return joined.toString();
    }
}
