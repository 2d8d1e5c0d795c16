package io.jobrun.report;

/** Small helpers for report text: one-line cells, padding, and text from tasks made safe for a terminal. */
final class Text {
    private Text() {
    }

    /**
     * The first line of {@code text}, made {@link #printable}, cut to {@code max} characters with "..." when longer.
     * Tabs become spaces, so that the table's columns hold.
     */
    static String cell(String text, int max) {
        String line = text == null ? "" : text.strip();
        int newline = line.indexOf('\n');
        boolean cut = newline >= 0;
        if (cut) {
            line = line.substring(0, newline);
        }
        line = printable(line.replace('\t', ' '));
        if (line.length() > max) {
            line = line.substring(0, max - 3);
            cut = true;
        }
        return cut ? line.stripTrailing() + "..." : line;
    }

    /** A cell made by {@link #cell} cut again to {@code max} characters, with "..." when cut. */
    static String fit(String cell, int max) {
        if (cell.length() <= max) {
            return cell;
        }
        return cell.substring(0, Math.max(0, max - 3)).stripTrailing() + "...";
    }

    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /**
     * {@code text} with every character that could steer a terminal written out as an escape: ESC as {@code \e}
     * (so a task's output cannot set the window title or clear the screen), CR and LF as {@code \r} and {@code \n}
     * (it cannot overwrite a line of the report or start a fake one), other control characters as {@code \xHH} or
     * {@code \u009B}, and the bidirectional overrides as {@code \u202E} (it cannot reorder what the reader sees).
     * Tabs stay. NOTE: everything a task, its output or its input produced goes through here before it is printed.
     */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        int first = 0;
        while (first < text.length() && !needsEscape(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!needsEscape(c)) {
                safe.append(c);
            } else if (c == 0x1b) {
                safe.append("\\e");
            } else if (c == '\r') {
                safe.append("\\r");
            } else if (c == '\n') {
                safe.append("\\n");
            } else if (c < 0x80) {
                safe.append(String.format("\\x%02X", (int) c));
            } else {
                safe.append(String.format("\\u%04X", (int) c));
            }
        }
        return safe.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f
                || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0x2028 || c == 0x2029;
    }
}
