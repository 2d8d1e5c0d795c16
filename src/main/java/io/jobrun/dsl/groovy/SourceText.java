package io.jobrun.dsl.groovy;

import io.jobrun.job.SourcePosition;
import java.util.Map;

/** Pieces of a job file's text between two places, as the compiler numbers them (lines and columns from 1). */
final class SourceText {
    /** The suffix of the part that says where a closure argument ends ("1" starts it, "1.end" ends it). */
    static final String END = ".end";

    /** A method declared at the top of the file: {@code int twice(int x) {}, {@code def helper(a, b) {}. */
    private static final java.util.regex.Pattern METHOD = java.util.regex.Pattern.compile(
            "(?:(?:public|private|protected|static|final|synchronized|def|void|[A-Za-z_][\\w.<>\\[\\], ]*?)\\s+)+"
                    + "[A-Za-z_]\\w*\\s*\\([^)]*\\)\\s*\\{");

    private SourceText() {
    }

    /**
     * The file's imports and the methods declared at its left margin, as written: what a closure may call besides
     * its own code, so a change to one re-runs the closure's tasks on a resume. Read from the text alone, so that a
     * file whose classes come from the compile cache gets the same answer as one just compiled.
     */
    static String helpers(String text) {
        StringBuilder helpers = new StringBuilder();
        java.util.List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("import ")) {
                helpers.append(line.strip()).append('\n');
            } else if (METHOD.matcher(line).lookingAt()) {
                // NOTE: braces counted plainly; one inside a string may end the method early or late, which only
                // makes the key include a little more or less of the file, the same way on every run.
                int depth = 0;
                for (int j = i; j < lines.size(); j++) {
                    helpers.append(lines.get(j)).append('\n');
                    depth += lines.get(j).chars().filter(c -> c == '{').count()
                            - lines.get(j).chars().filter(c -> c == '}').count();
                    if (depth <= 0) {
                        i = j;
                        break;
                    }
                }
            }
        }
        return helpers.toString();
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

    /** The text of the value of option {@code name} of a call at {@code at}, or null when its end was not recorded. */
    static String option(CallSite at, String name, String text) {
        Map<String, SourcePosition> parts = at.parts().parts();
        SourcePosition start = parts.get(name);
        SourcePosition end = parts.get(name + END);
        return text == null || start == null || end == null ? null
                : between(text, start.line(), start.column(), end.line(), end.column());
    }

    private static String stem(String part) {
        return part.substring(0, part.length() - END.length());
    }
}
