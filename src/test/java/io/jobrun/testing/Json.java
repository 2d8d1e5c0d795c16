package io.jobrun.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>Read with the project's own strict reader ({@link io.jobrun.json.Json}, RFC 8259: it rejects what a consumer's
 * parser would reject, trailing commas, raw control characters in strings, a member named twice), every number exact.
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
        return of(io.jobrun.json.Json.read(text, io.jobrun.json.Json.Numbers.EXACT));
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
        return io.jobrun.json.Json.write(plain());
    }
}
