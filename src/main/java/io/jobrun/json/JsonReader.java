package io.jobrun.json;

import java.util.Arrays;

/**
 * Reads JSON text one token at a time, strictly (RFC 8259: no trailing comma, no raw control character in a string,
 * no leading zero), without building anything the caller does not ask for: a journal of 100,000 lines is read field
 * by field, with no map per line. {@link Json#read} builds plain values on top of it.
 *
 * <p>Inside an object or array, call {@link #hasNext()} before each member or element: it reads the comma.
 */
public final class JsonReader {
    /** What the next value is. */
    public enum Kind { OBJECT, ARRAY, STRING, NUMBER, TRUE, FALSE, NULL }

    private final String text;
    private final int end;
    private int at;
    /** Per open container, whether a member was read (so the next one needs a comma). Index 0 is the top level. */
    private boolean[] started = new boolean[16];
    /** Per open container, the bracket that closes it. */
    private char[] closers = new char[16];
    private int depth;
    /** The comma before the next member was read by {@link #hasNext}. */
    private boolean ready;

    /** A reader of all of {@code text}. */
    public JsonReader(String text) {
        this(text, 0, text.length());
    }

    /** A reader of {@code text} from {@code start} up to {@code end} (a line of a larger text). */
    public JsonReader(String text, int start, int end) {
        this.text = text;
        this.at = start;
        this.end = end;
    }

    /** The kind of the next value. */
    public Kind peek() {
        space();
        return switch (at < end ? text.charAt(at) : '\0') {
            case '{' -> Kind.OBJECT;
            case '[' -> Kind.ARRAY;
            case '"' -> Kind.STRING;
            case 't' -> Kind.TRUE;
            case 'f' -> Kind.FALSE;
            case 'n' -> Kind.NULL;
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> Kind.NUMBER;
            default -> throw error("a value");
        };
    }

    public void beginObject() {
        open('{', '}');
    }

    public void endObject() {
        close('}');
    }

    public void beginArray() {
        open('[', ']');
    }

    public void endArray() {
        close(']');
    }

    /** Whether the open object or array has another member or element; reads the comma before it. */
    public boolean hasNext() {
        space();
        if (ready) {
            return true;
        }
        char c = at < end ? text.charAt(at) : '\0';
        if (c == '}' || c == ']') {
            return false;
        }
        if (started[depth]) {
            if (c != ',') {
                throw error("',' or '" + closers[depth] + "'");
            }
            at++;
            space();
        }
        ready = true;
        return true;
    }

    /** The name of the next member of an object. */
    public String nextName() {
        space();
        if (at >= end || text.charAt(at) != '"') {
            throw error("a member name in quotes");
        }
        String name = string();
        space();
        expect(':');
        ready = false;
        return name;
    }

    public String nextString() {
        space();
        if (at >= end || text.charAt(at) != '"') {
            throw error("a string");
        }
        String value = string();
        read();
        return value;
    }

    /** Text, or null for JSON null. */
    public String nextStringOrNull() {
        if (peek() == Kind.NULL) {
            nextNull();
            return null;
        }
        return nextString();
    }

    /** A number as its text ("12", "-0.5", "2.5e1"). */
    public String nextNumber() {
        space();
        int start = at;
        skipNumber();
        read();
        return text.substring(start, at);
    }

    /** An integer that fits a long; counted without making a string. */
    public long nextLong() {
        space();
        int start = at;
        boolean negative = at < end && text.charAt(at) == '-';
        skipNumber();
        long value = 0;
        int digits = 0;
        for (int i = negative ? start + 1 : start; i < at; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || ++digits > 18) {
                read();
                try {
                    return Long.parseLong(text.substring(start, at));
                } catch (NumberFormatException e) {
                    throw error("an integer", start);
                }
            }
            value = value * 10 + (c - '0');
        }
        read();
        return negative ? -value : value;
    }

    /** An integer that fits an int. */
    public int nextInt() {
        long value = nextLong();
        if (value != (int) value) {
            throw error("a smaller integer");
        }
        return (int) value;
    }

    public boolean nextBoolean() {
        Kind kind = peek();
        if (kind != Kind.TRUE && kind != Kind.FALSE) {
            throw error("true or false");
        }
        word(kind == Kind.TRUE ? "true" : "false");
        read();
        return kind == Kind.TRUE;
    }

    public void nextNull() {
        space();
        word("null");
        read();
    }

    /** Reads past the next value, whatever it is. */
    public void skipValue() {
        switch (peek()) {
            case OBJECT -> {
                beginObject();
                while (hasNext()) {
                    nextName();
                    skipValue();
                }
                endObject();
            }
            case ARRAY -> {
                beginArray();
                while (hasNext()) {
                    skipValue();
                }
                endArray();
            }
            case STRING -> nextString();
            case NUMBER -> nextNumber();
            case TRUE, FALSE -> nextBoolean();
            case NULL -> nextNull();
        }
    }

    /** Checks that nothing but white space follows the value read. */
    public void finish() {
        space();
        if (at < end) {
            throw error("nothing after the value");
        }
    }

    private void open(char bracket, char closer) {
        space();
        expect(bracket);
        depth++;
        if (depth == started.length) {
            started = Arrays.copyOf(started, depth * 2);
            closers = Arrays.copyOf(closers, depth * 2);
        }
        started[depth] = false;
        closers[depth] = closer;
        ready = false;
    }

    private void close(char bracket) {
        space();
        if (ready) {
            throw error("a value"); // a comma before the closing bracket
        }
        expect(bracket);
        depth--;
        read();
    }

    /** A value was read at this depth. */
    private void read() {
        started[depth] = true;
        ready = false;
    }

    private String string() {
        int start = ++at;
        // NOTE: most strings have no escape: take them as one substring.
        while (at < end) {
            char c = text.charAt(at);
            if (c == '"') {
                return text.substring(start, at++);
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            at++;
        }
        StringBuilder out = new StringBuilder().append(text, start, at);
        while (true) {
            if (at >= end) {
                throw error("the end of the string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                at--;
                throw error("no raw control character in a string (U+" + String.format("%04X", (int) c) + ")");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = at < end ? text.charAt(at++) : '?';
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hex4());
                default -> throw error("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
            }
        }
    }

    private char hex4() {
        if (at + 4 > end) {
            throw error("four hex digits");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(at + i), 16);
            if (digit < 0) {
                throw error("four hex digits");
            }
            value = value * 16 + digit;
        }
        at += 4;
        return (char) value;
    }

    private void skipNumber() {
        if (at < end && text.charAt(at) == '-') {
            at++;
        }
        if (at < end && text.charAt(at) == '0') {
            at++;
        } else {
            digits();
        }
        if (at < end && text.charAt(at) == '.') {
            at++;
            digits();
        }
        if (at < end && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at++;
            if (at < end && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            digits();
        }
    }

    private void digits() {
        int start = at;
        while (at < end && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        if (at == start) {
            throw error("a digit");
        }
    }

    private void word(String word) {
        if (!text.startsWith(word, at) || at + word.length() > end) {
            throw error("a value");
        }
        at += word.length();
    }

    private void space() {
        while (at < end) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private void expect(char c) {
        if (at >= end || text.charAt(at) != c) {
            throw error("'" + c + "'");
        }
        at++;
    }

    Json.MalformedException error(String expected) {
        return error(expected, at);
    }

    private Json.MalformedException error(String expected, int where) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < where && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Json.MalformedException("not JSON at " + line + ":" + column + ": expected " + expected);
    }
}
