package io.jobrun.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value as tests read it: a report file, a schema, a YAML job file's data. Read with {@link #parse}, made from
 * maps and lists with {@link #of}. Missing members read as Java null ({@link #get(String)}), JSON null as a value whose
 * {@link #isNull()} is true, so a test tells "absent" from "null".
 *
 * <p>The project writes JSON (reports, the job schema) but reads none, so the tests carry this reader rather than a
 * JSON library: strict RFC 8259, rejecting what a consumer's parser would reject (trailing commas, raw control
 * characters in strings, lone surrogates escaped or not do pass, as in every common parser).
 */
public final class Json implements Iterable<Json> {
    /** JSON null. */
    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** NULL, a String, a BigDecimal, a Boolean, a Map of Json or a List of Json. */
    private final Object value;

    private Json(Object value) {
        this.value = value;
    }

    /** The JSON text {@code text} as a value. */
    public static Json parse(String text) {
        Reader reader = new Reader(text);
        reader.space();
        Json value = reader.value();
        reader.space();
        if (reader.at < text.length()) {
            throw reader.error("text after the value");
        }
        return value;
    }

    /** The JSON file {@code file} as a value. */
    public static Json parse(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Maps, lists, text, numbers, booleans and null (as a YAML loader gives them) as a value. */
    public static Json of(Object plain) {
        return switch (plain) {
            case null -> new Json(NULL);
            case Json json -> json;
            case Map<?, ?> map -> {
                Map<String, Json> members = new LinkedHashMap<>();
                map.forEach((key, member) -> members.put(String.valueOf(key), of(member)));
                yield new Json(members);
            }
            case List<?> list -> new Json(list.stream().map(Json::of).toList());
            case CharSequence text -> new Json(text.toString());
            case Boolean flag -> new Json(flag);
            case Double d when d.isNaN() || d.isInfinite() -> new Json(d.toString());
            case Float f when f.isNaN() || f.isInfinite() -> new Json(f.toString());
            case Number number -> new Json(new BigDecimal(number.toString()));
            default -> new Json(String.valueOf(plain));
        };
    }

    /** The member {@code name} of an object, or null when it has none (or this is not an object). */
    public Json get(String name) {
        return value instanceof Map<?, ?> map ? (Json) map.get(name) : null;
    }

    /** The element {@code index} of an array, or null when there is none (or this is not an array). */
    public Json get(int index) {
        return value instanceof List<?> list && index >= 0 && index < list.size() ? (Json) list.get(index) : null;
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    public boolean isNull() {
        return value == NULL;
    }

    public boolean isObject() {
        return value instanceof Map;
    }

    public boolean isArray() {
        return value instanceof List;
    }

    public boolean isTextual() {
        return value instanceof String;
    }

    public boolean isNumber() {
        return value instanceof BigDecimal;
    }

    public boolean isBoolean() {
        return value instanceof Boolean;
    }

    /** A number without a fraction (1 and 1.0 alike, as JSON Schema counts them). */
    public boolean isIntegral() {
        return value instanceof BigDecimal number && number.stripTrailingZeros().scale() <= 0;
    }

    /** Text as it is; a number, a boolean or null as JSON writes it; "" for an object or array. */
    public String asText() {
        return switch (value) {
            case String text -> text;
            case BigDecimal number -> number.toString();
            case Map<?, ?> ignored -> "";
            case List<?> ignored -> "";
            default -> value.toString();
        };
    }

    public double asDouble() {
        return value instanceof BigDecimal number ? number.doubleValue() : 0;
    }

    public int asInt() {
        return value instanceof BigDecimal number ? number.intValue() : 0;
    }

    public long asLong() {
        return value instanceof BigDecimal number ? number.longValue() : 0;
    }

    public boolean asBoolean() {
        return Boolean.TRUE.equals(value);
    }

    /** Members of an object, elements of an array; 0 for anything else. */
    public int size() {
        return switch (value) {
            case Map<?, ?> map -> map.size();
            case List<?> list -> list.size();
            default -> 0;
        };
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The members of an object in the order of the text; none for anything else. */
    @SuppressWarnings("unchecked")
    public Map<String, Json> members() {
        return value instanceof Map<?, ?> map ? Collections.unmodifiableMap((Map<String, Json>) map) : Map.of();
    }

    /** The elements of an array; none for anything else. */
    @SuppressWarnings("unchecked")
    public List<Json> elements() {
        return value instanceof List<?> list ? (List<Json>) list : List.of();
    }

    @Override
    public Iterator<Json> iterator() {
        return isObject() ? members().values().iterator() : elements().iterator();
    }

    /** The value as plain Java: maps, lists, strings, BigDecimals, booleans and null. */
    public Object plain() {
        return switch (value) {
            case Map<?, ?> ignored -> {
                Map<String, Object> map = new LinkedHashMap<>();
                members().forEach((name, member) -> map.put(name, member.plain()));
                yield map;
            }
            case List<?> ignored -> elements().stream().map(Json::plain).toList();
            default -> value == NULL ? null : value;
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Json json && value.equals(json.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Compact JSON text. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        write(out);
        return out.toString();
    }

    private void write(StringBuilder out) {
        switch (value) {
            case String text -> quote(text, out);
            case Map<?, ?> ignored -> {
                out.append('{');
                String comma = "";
                for (Map.Entry<String, Json> member : members().entrySet()) {
                    out.append(comma);
                    quote(member.getKey(), out);
                    out.append(':');
                    member.getValue().write(out);
                    comma = ",";
                }
                out.append('}');
            }
            case List<?> ignored -> {
                out.append('[');
                String comma = "";
                for (Json element : elements()) {
                    out.append(comma);
                    element.write(out);
                    comma = ",";
                }
                out.append(']');
            }
            default -> out.append(value);
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A recursive-descent reader of one JSON text. */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        Json value() {
            if (at >= text.length()) {
                throw error("a value");
            }
            char c = text.charAt(at);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> new Json(string());
                case 't' -> word("true", Boolean.TRUE);
                case 'f' -> word("false", Boolean.FALSE);
                case 'n' -> word("null", NULL);
                default -> {
                    if (c == '-' || c >= '0' && c <= '9') {
                        yield number();
                    }
                    throw error("a value");
                }
            };
        }

        private Json object() {
            at++;
            Map<String, Json> members = new LinkedHashMap<>();
            space();
            if (peek() == '}') {
                at++;
                return new Json(members);
            }
            while (true) {
                space();
                if (peek() != '"') {
                    throw error("a member name in quotes");
                }
                String name = string();
                space();
                expect(':');
                space();
                if (members.put(name, value()) != null) {
                    throw error("no second member named \"" + name + "\"");
                }
                space();
                if (peek() == ',') {
                    at++;
                    continue;
                }
                expect('}');
                return new Json(members);
            }
        }

        private Json array() {
            at++;
            List<Json> elements = new ArrayList<>();
            space();
            if (peek() == ']') {
                at++;
                return new Json(elements);
            }
            while (true) {
                space();
                elements.add(value());
                space();
                if (peek() == ',') {
                    at++;
                    continue;
                }
                expect(']');
                return new Json(elements);
            }
        }

        private String string() {
            at++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw error("the end of the string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw error("no raw control character in a string (U+" + String.format("%04X", (int) c) + ")");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escape = at < text.length() ? text.charAt(at++) : '?';
                switch (escape) {
                    case '"', '\\', '/' -> out.append(escape);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("four hex digits");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException e) {
                            throw error("four hex digits");
                        }
                        at += 4;
                    }
                    default -> throw error("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
                }
            }
        }

        private Json number() {
            int start = at;
            if (peek() == '-') {
                at++;
            }
            if (peek() == '0') {
                at++;
            } else {
                digits();
            }
            if (peek() == '.') {
                at++;
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                at++;
                if (peek() == '+' || peek() == '-') {
                    at++;
                }
                digits();
            }
            return new Json(new BigDecimal(text.substring(start, at)));
        }

        private void digits() {
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at)) && text.charAt(at) < 128) {
                at++;
            }
            if (at == start) {
                throw error("a digit");
            }
        }

        private Json word(String word, Object value) {
            if (!text.startsWith(word, at)) {
                throw error("a value");
            }
            at += word.length();
            return new Json(value);
        }

        void space() {
            while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("'" + c + "'");
            }
            at++;
        }

        IllegalArgumentException error(String expected) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < Math.min(at, text.length()); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            return new IllegalArgumentException("not JSON at " + line + ":" + column + ": expected " + expected);
        }
    }
}
