package io.jobrun.report;

/** Small helpers for one-line report cells. */
final class Text {
    private Text() {
    }

    /** The first line of {@code text}, cut to {@code max} characters with "..." when longer. */
    static String cell(String text, int max) {
        String line = text == null ? "" : text.strip();
        int newline = line.indexOf('\n');
        boolean cut = newline >= 0;
        if (cut) {
            line = line.substring(0, newline);
        }
        if (line.length() > max) {
            line = line.substring(0, max - 3);
            cut = true;
        }
        return cut ? line.stripTrailing() + "..." : line;
    }

    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
