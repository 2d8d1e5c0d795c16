package io.jobrun.dsl.groovy;

import io.jobrun.job.SourcePosition;
import java.util.Map;

/** Pieces of a job file's text between two places, as the compiler numbers them (lines and columns from 1). */
final class SourceText {
    /** The suffix of the part that says where a closure argument ends ("1" starts it, "1.end" ends it). */
    static final String END = ".end";

    private SourceText() {
    }

    /** The text from {@code line}:{@code column} up to, not including, {@code lastLine}:{@code lastColumn}. */
    static String between(String text, int line, int column, int lastLine, int lastColumn) {
        int from = offset(text, line, column);
        int to = offset(text, lastLine, lastColumn);
        return from < 0 || to < from ? "" : text.substring(from, to);
    }

    private static int offset(String text, int line, int column) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            at = text.indexOf('\n', at);
            if (at < 0) {
                return -1;
            }
            at++;
        }
        return Math.min(text.length(), at + Math.max(0, column - 1));
    }

    /**
     * The text of the closure given as the last positional argument of a call at {@code at}, or null when the
     * compile step did not record where it ends.
     */
    static String lastClosure(CallSite at, String text) {
        if (text == null) {
            return null;
        }
        String path = null;
        for (String part : at.parts().parts().keySet()) {
            if (part.endsWith(END) && part.chars().limit(part.length() - END.length()).allMatch(Character::isDigit)
                    && (path == null || Integer.parseInt(stem(part)) > Integer.parseInt(path))) {
                path = stem(part);
            }
        }
        if (path == null) {
            return null;
        }
        Map<String, SourcePosition> parts = at.parts().parts();
        SourcePosition start = parts.get(path);
        SourcePosition end = parts.get(path + END);
        return start == null ? null : between(text, start.line(), start.column(), end.line(), end.column());
    }

    private static String stem(String part) {
        return part.substring(0, part.length() - END.length());
    }
}
