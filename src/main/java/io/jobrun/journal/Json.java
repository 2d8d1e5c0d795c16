package io.jobrun.journal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON as the journal writes and reads it: one value per line, no indentation. Written from plain values (null,
 * Boolean, Integer, Long, BigInteger, Double, BigDecimal, String, List, Map with String keys); read back into the same
 * kinds: an integer as Integer, Long or BigInteger by size, a number with a fraction or an exponent as Double.
 */
public final class Json {
    private Json() {
    }

    /** {@code value} as one line of JSON, maps in their own order. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, false);
        return out.toString();
    }

    /** {@code value} as JSON with every map's keys sorted: equal values give equal text, whatever a map's order. */
    public static String canonical(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, true);
        return out.toString();
    }

    /** JSON text written as it is: a part that was written once and is repeated in many lines. */
    public record Raw(String json) {
    }

    static void write(Object value, StringBuilder out, boolean sorted) {
        switch (value) {
            case null -> out.append("null");
            case Raw raw -> out.append(raw.json());
            case String text -> string(text, out);
            case Boolean flag -> out.append(flag);
            case Integer number -> out.append(number);
            case Long number -> out.append(number);
            case BigInteger number -> out.append(number);
            case Double number -> {
                if (number.isNaN() || number.isInfinite()) {
                    throw new IllegalArgumentException("JSON has no " + number);
                }
                out.append(number);
            }
            case BigDecimal number -> out.append(number.toString());
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : (sorted ? new TreeMap<>(map) : map).entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string((String) entry.getKey(), out);
                    out.append(':');
                    write(entry.getValue(), out, sorted);
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(list.get(i), out, sorted);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // NOTE: a lone surrogate would not survive UTF-8; escape it, and every control character.
                    if (c < 0x20 || Character.isSurrogate(c) && !pairAt(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean pairAt(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** Reads one JSON value. */
    public static Object read(String text) {
        Reader reader = new Reader(text);
        reader.space();
        Object value = reader.value();
        reader.space();
        if (reader.at < text.length()) {
            throw reader.error("unexpected text after the value");
        }
        return value;
    }

    /** Not JSON; the message says where. */
    public static final class MalformedException extends IllegalArgumentException {
        MalformedException(String message) {
            super(message);
        }
    }

    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        MalformedException error(String what) {
            return new MalformedException(what + " at character " + (at + 1));
        }

        void space() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        Object value() {
            if (at >= text.length()) {
                throw error("a value expected");
            }
            char c = text.charAt(at);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> word("true", Boolean.TRUE);
                case 'f' -> word("false", Boolean.FALSE);
                case 'n' -> word("null", null);
                default -> number();
            };
        }

        private Object word(String word, Object value) {
            if (!text.startsWith(word, at)) {
                throw error("a value expected");
            }
            at += word.length();
            return value;
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            space();
            if (peek() == '}') {
                at++;
                return map;
            }
            while (true) {
                space();
                if (peek() != '"') {
                    throw error("a name in quotes expected");
                }
                String name = string();
                space();
                expect(':');
                space();
                map.put(name, value());
                space();
                if (peek() == ',') {
                    at++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            at++;
            space();
            if (peek() == ']') {
                at++;
                return list;
            }
            while (true) {
                space();
                list.add(value());
                space();
                if (peek() == ',') {
                    at++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() {
            at++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw error("an unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    throw error("an unterminated string");
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("a bad \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException e) {
                            throw error("a bad \\u escape");
                        }
                        at += 4;
                    }
                    default -> throw error("a bad escape");
                }
            }
        }

        private Object number() {
            int start = at;
            if (peek() == '-') {
                at++;
            }
            boolean fraction = false;
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c >= '0' && c <= '9') {
                    at++;
                } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                    fraction = true;
                    at++;
                } else {
                    break;
                }
            }
            String number = text.substring(start, at);
            if (number.isEmpty() || number.equals("-")) {
                throw error("a value expected");
            }
            try {
                if (fraction) {
                    return Double.parseDouble(number);
                }
                BigInteger big = new BigInteger(number);
                if (big.bitLength() < 32) {
                    return big.intValue();
                }
                return big.bitLength() < 64 ? (Object) big.longValue() : big;
            } catch (NumberFormatException e) {
                throw error("a bad number");
            }
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("'" + c + "' expected");
            }
            at++;
        }
    }
}
