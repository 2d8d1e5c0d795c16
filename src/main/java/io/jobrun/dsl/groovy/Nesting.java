package io.jobrun.dsl.groovy;

import io.jobrun.job.JobSource;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Measures how deep a Groovy file's brackets nest, before the compiler sees it: the compiler recurses once per level
 * (and its parser backtracks over unclosed ones for minutes), so a file nested hundreds deep would end the run with a
 * StackOverflowError. A small lexer is enough: it knows comments and Groovy's string forms, so that brackets inside
 * them do not count, and it counts a GString's {@code ${...}} as a level. On the way it notes whether the file holds
 * anything but comments, which a job file must.
 */
final class Nesting {
    /**
     * What the scan learned of a file: its deepest point (how deep, and where the bracket that opened that level is,
     * 1-based), and whether it holds anything but comments and blanks.
     */
    record Deepest(int depth, int line, int column, boolean code) {
        /** Whether the file nests deeper than a job file may. */
        boolean tooDeep() {
            return depth > JobSource.MAX_NESTING;
        }
    }

    /** What the lexer is inside; code frames are where brackets count. */
    private enum Mode { CODE, SINGLE, DOUBLE, TRIPLE_SINGLE, TRIPLE_DOUBLE, SLASHY, DOLLAR_SLASHY }

    /** A mode entered at some depth; a code frame inside a GString ends at the '}' that brings depth back to it. */
    private record Frame(Mode mode, int depth) {
    }

    private final String text;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private int at;
    private int line = 1;
    private int lineStart;
    private int depth;
    private Deepest deepest = new Deepest(0, 1, 1, false);
    /** Whether anything but comments and blanks was read. */
    private boolean code;
    /** The last character of code that was not a space, to tell a slashy string from a division. */
    private char previous = ';';

    private Nesting(String text) {
        this.text = text;
    }

    /**
     * The deepest point of {@code text}. Scanning stops at the first level past the limit, so this costs one pass at
     * most, however the file is nested.
     */
    static Deepest deepest(String text) {
        Nesting scan = new Nesting(text);
        scan.frames.push(new Frame(Mode.CODE, 0));
        while (scan.at < text.length() && !scan.deepest.tooDeep()) {
            scan.step();
        }
        Deepest deepest = scan.deepest;
        return new Deepest(deepest.depth(), deepest.line(), deepest.column(), scan.code);
    }

    private void step() {
        Frame frame = frames.peek();
        if (frame.mode() == Mode.CODE) {
            code(frame);
        } else {
            string(frame.mode());
        }
    }

    private void code(Frame frame) {
        char c = text.charAt(at);
        if (starts("//") || starts("/*")) {
            skipPast(starts("//") ? "\n" : "*/");
            return;
        }
        code |= !Character.isWhitespace(c);
        if (starts("'''") || starts("\"\"\"")) {
            frames.push(new Frame(c == '\'' ? Mode.TRIPLE_SINGLE : Mode.TRIPLE_DOUBLE, depth));
            advance(3);
        } else if (c == '\'' || c == '"') {
            frames.push(new Frame(c == '\'' ? Mode.SINGLE : Mode.DOUBLE, depth));
            advance(1);
        } else if (starts("$/")) {
            frames.push(new Frame(Mode.DOLLAR_SLASHY, depth));
            advance(2);
        } else if (c == '/' && "([{,=:;!&|?~+-*%<>^".indexOf(previous) >= 0) {
            frames.push(new Frame(Mode.SLASHY, depth));
            advance(1);
        } else if (c == '(' || c == '[' || c == '{') {
            open();
            previous = c;
        } else if (c == ')' || c == ']' || c == '}') {
            if (c == '}' && frames.size() > 1 && depth == frame.depth() + 1) {
                frames.pop();  // the end of a GString's ${...}
            }
            depth = Math.max(0, depth - 1);
            previous = c;
            advance(1);
        } else {
            if (!Character.isWhitespace(c)) {
                previous = c;
            }
            advance(1);
        }
    }

    private void string(Mode mode) {
        char c = text.charAt(at);
        boolean interpolates = mode != Mode.SINGLE && mode != Mode.TRIPLE_SINGLE;
        String end = switch (mode) {
            case SINGLE -> "'";
            case DOUBLE -> "\"";
            case TRIPLE_SINGLE -> "'''";
            case TRIPLE_DOUBLE -> "\"\"\"";
            case SLASHY -> "/";
            case DOLLAR_SLASHY -> "/$";
            case CODE -> throw new IllegalStateException("not a string");
        };
        if (mode == Mode.DOLLAR_SLASHY ? c == '$' && at + 1 < text.length() && text.charAt(at + 1) != '{'
                : c == '\\') {
            advance(2);  // an escaped character, or $$ and $/ in a dollar-slashy string
        } else if (starts(end)) {
            frames.pop();
            previous = '"';
            advance(end.length());
        } else if (interpolates && starts("${")) {
            advance(1);
            open();
            frames.push(new Frame(Mode.CODE, depth - 1));
            previous = '{';
        } else if (c == '\n' && (mode == Mode.SINGLE || mode == Mode.DOUBLE)) {
            frames.pop();  // an unclosed one-line string; the compiler will say so
            advance(1);
        } else {
            advance(1);
        }
    }

    private void open() {
        depth++;
        if (depth > deepest.depth()) {
            deepest = new Deepest(depth, line, text.codePointCount(lineStart, at) + 1, false);
        }
        advance(1);
    }

    private boolean starts(String token) {
        return text.startsWith(token, at);
    }

    private void skipPast(String end) {
        int found = text.indexOf(end, at + 2);
        advance((found < 0 ? text.length() : found + end.length()) - at);
    }

    private void advance(int count) {
        int to = Math.min(text.length(), at + count);
        for (; at < to; at++) {
            if (text.charAt(at) == '\n') {
                line++;
                lineStart = at + 1;
            }
        }
    }
}
