package io.jobrun.job.expr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the literal text of a shell command as {@code /bin/sh} would, just far enough to say where each substitution
 * stands: bare, in quotes, in a comment, in a here-document, in arithmetic. {@link ShellTemplate} writes each value as
 * a reference to an environment variable in the form that place needs; because the shell never parses what such a
 * reference expands to, a place misjudged here can at worst split a value into words, never run it.
 */
final class ShellPlaces {
    /** Where a substitution stands in the command. */
    enum Place {
        /** Outside quotes: the value becomes one word, {@code "$V"}. */
        BARE,
        /** Inside '...': {@code '"$V"'} closes the quote around it. */
        SINGLE_QUOTED,
        /** Inside "...", a {@code ${...}} of the shell, or a here-document that expands: {@code ${V}}. */
        EXPANDING,
        /** In a comment, where the shell reads nothing. */
        COMMENT,
        /**
         * Inside $((...)): bash would evaluate a variable's text as arithmetic, which can run commands, so only a
         * whole number is written there, as it is.
         */
        ARITHMETIC,
        /** In a here-document whose delimiter is quoted: nothing there is expanded, so no value can be passed. */
        LITERAL_HERE_DOCUMENT,
        /** Right after a backslash, which would escape the quote the reference starts with. */
        AFTER_BACKSLASH
    }

    private enum Frame { COMMAND, SUBSTITUTION, BACKTICKS, SINGLE, DOUBLE, PARAMETER, ARITHMETIC, COMMENT, HERE_DOCUMENT }

    /** A here-document announced by {@code <<WORD}, whose body starts on the next line. */
    private record HereDocument(String delimiter, boolean quoted, boolean stripTabs) {
    }

    private final Deque<Frame> frames = new ArrayDeque<>(List.of(Frame.COMMAND));
    /** Open parentheses in each command frame and arithmetic, innermost first; parallel to the frames that count. */
    private final Deque<Integer> parentheses = new ArrayDeque<>(List.of(0));
    private final List<HereDocument> announced = new ArrayList<>();
    private HereDocument body;
    /** The current line of a here-document's body, to find its delimiter; null when a value stands in it. */
    private StringBuilder bodyLine = new StringBuilder();
    /** The text's last character was a backslash that escapes whatever comes next. */
    private boolean escaping;
    /** The last character read, to tell a comment's '#' (at a word's start) from one inside a word. */
    private char previous = '\n';

    private ShellPlaces() {
    }

    /** The place of each substitution between {@code literals} (one more literal than substitutions). */
    static List<Place> of(List<String> literals) {
        ShellPlaces reader = new ShellPlaces();
        List<Place> places = new ArrayList<>();
        for (int i = 0; i < literals.size(); i++) {
            reader.read(literals.get(i));
            if (i < literals.size() - 1) {
                places.add(reader.place());
                reader.substituted();
            }
        }
        return places;
    }

    private Place place() {
        if (escaping) {
            return Place.AFTER_BACKSLASH;
        }
        return switch (frames.peek()) {
            case COMMAND, SUBSTITUTION, BACKTICKS -> Place.BARE;
            case SINGLE -> Place.SINGLE_QUOTED;
            case DOUBLE, PARAMETER -> Place.EXPANDING;
            case COMMENT -> Place.COMMENT;
            case ARITHMETIC -> Place.ARITHMETIC;
            case HERE_DOCUMENT -> body.quoted() ? Place.LITERAL_HERE_DOCUMENT : Place.EXPANDING;
        };
    }

    /** A value now stands here: it continues the current word, and no here-document line with it is a delimiter. */
    private void substituted() {
        previous = 'x';
        bodyLine = null;
    }

    private void read(String text) {
        for (int at = 0; at < text.length(); at++) {
            char c = text.charAt(at);
            if (escaping) {
                escaping = false;
                previous = 'x';
                continue;
            }
            at = step(text, at, c);
        }
    }

    /** Reads the character at {@code at}; returns the index of the last character it consumed. */
    private int step(String text, int at, char c) {
        Frame frame = frames.peek();
        if (frame == Frame.HERE_DOCUMENT) {
            return hereDocument(c, at);
        }
        if (frame == Frame.SINGLE) {
            if (c == '\'') {
                frames.pop();
            }
            return at;
        }
        if (frame == Frame.COMMENT) {
            if (c == '\n') {
                frames.pop();
                return newline(at);
            }
            return at;
        }
        if (c == '\\') {
            escaping = true;
            return at;
        }
        int consumed = expansion(text, at, c, frame);
        if (consumed >= 0) {
            previous = 'x';
            return consumed;
        }
        switch (frame) {
            case DOUBLE -> {
                if (c == '"') {
                    frames.pop();
                }
            }
            case PARAMETER -> {
                if (c == '}') {
                    frames.pop();
                } else {
                    quote(c);
                }
            }
            case ARITHMETIC -> parenthesis(c);
            default -> {
                return command(text, at, c, frame);
            }
        }
        previous = c;
        return at;
    }

    /** $((, $(, ${ and backticks, which open a frame in commands, double quotes and parameters alike; -1 if none. */
    private int expansion(String text, int at, char c, Frame frame) {
        if (text.startsWith("$((", at)) {
            frames.push(Frame.ARITHMETIC);
            parentheses.push(2);
            return at + 2;
        }
        if (text.startsWith("$(", at)) {
            frames.push(Frame.SUBSTITUTION);
            parentheses.push(0);
            return at + 1;
        }
        if (text.startsWith("${", at)) {
            frames.push(Frame.PARAMETER);
            return at + 1;
        }
        if (c == '`') {
            if (frame == Frame.BACKTICKS) {
                frames.pop();
                parentheses.pop();
            } else {
                frames.push(Frame.BACKTICKS);
                parentheses.push(0);
            }
            return at;
        }
        return -1;
    }

    private int command(String text, int at, char c, Frame frame) {
        if (c == '#' && (Character.isWhitespace(previous) || ";&|()".indexOf(previous) >= 0)) {
            frames.push(Frame.COMMENT);
        } else if (c == '\n') {
            previous = c;
            return newline(at);
        } else if (c == '(') {
            parentheses.push(parentheses.pop() + 1);
        } else if (c == ')') {
            int open = parentheses.pop();
            if (open == 0 && frame == Frame.SUBSTITUTION) {
                frames.pop();
            } else {
                parentheses.push(Math.max(0, open - 1));
            }
        } else if (text.startsWith("<<", at) && !text.startsWith("<<<", at)) {
            at = announce(text, at + 2);
        } else {
            quote(c);
        }
        previous = c;
        return at;
    }

    private void quote(char c) {
        if (c == '\'') {
            frames.push(Frame.SINGLE);
        } else if (c == '"') {
            frames.push(Frame.DOUBLE);
        }
    }

    private void parenthesis(char c) {
        int open = parentheses.pop();
        if (c == '(') {
            parentheses.push(open + 1);
        } else if (c == ')' && open <= 1) {
            frames.pop();  // the second ')' of '))'
        } else {
            parentheses.push(c == ')' ? open - 1 : open);
        }
    }

    /** Reads the word after {@code <<} (or {@code <<-}); returns the index of its last character. */
    private int announce(String text, int at) {
        boolean stripTabs = at < text.length() && text.charAt(at) == '-';
        int start = stripTabs ? at + 1 : at;
        while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        int end = start;
        while (end < text.length() && " \t\n;&|<>()".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String word = text.substring(start, end);
        boolean quoted = word.contains("'") || word.contains("\"") || word.contains("\\");
        announced.add(new HereDocument(word.replaceAll("['\"\\\\]", ""), quoted, stripTabs));
        return end - 1;
    }

    /** A line ends in a command: the bodies of the here-documents announced on it start now. */
    private int newline(int at) {
        if (!announced.isEmpty()) {
            body = announced.remove(0);
            frames.push(Frame.HERE_DOCUMENT);
            bodyLine = new StringBuilder();
        }
        return at;
    }

    private int hereDocument(char c, int at) {
        if (c != '\n') {
            if (bodyLine != null) {
                bodyLine.append(c);
            }
            return at;
        }
        String line = bodyLine == null ? null : body.stripTabs() ? bodyLine.toString().replaceFirst("^\t+", "")
                : bodyLine.toString();
        bodyLine = new StringBuilder();
        if (body.delimiter().equals(line)) {
            frames.pop();
            previous = '\n';
            return newline(at);
        }
        return at;
    }
}
