package io.jobrun.journal;

import io.jobrun.json.Json;
import io.jobrun.task.ShellResult;
import io.jobrun.task.http.HttpResult;
import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task's result as the journal stores it, and back: exactly the same value, type included. JSON values stand for
 * themselves; the rest are one-entry maps with a tag: a Long that would fit an Integer is {@code {"$long":"42"}},
 * and {@code $bigint}, {@code $decimal}, {@code $double} (NaN, infinities), {@code $float}, {@code $path},
 * {@code $file}, {@code $set}, {@code $shell}, {@code $http}; a map with a key that starts with {@code $} is wrapped in
 * {@code $map} so that it is never taken for a tag. Anything else cannot be stored ({@link NotStorable}).
 */
public final class StoredValues {
    private static final int MAX_DEPTH = 200;

    private StoredValues() {
    }

    /** A value that has no stored form; the message names its class, as {@code --explain} prints it. */
    public static final class NotStorable extends Exception {
        public NotStorable(String what) {
            super(what, null, false, false);
        }
    }

    /** The stored form of {@code value}: plain JSON values and tagged maps. */
    public static Object encode(Object value) throws NotStorable {
        return encode(value, 0);
    }

    private static Object encode(Object value, int depth) throws NotStorable {
        if (depth > MAX_DEPTH) {
            throw new NotStorable("nested deeper than " + MAX_DEPTH);
        }
        return switch (value) {
            case null -> null;
            case String text -> text;
            case Boolean flag -> flag;
            case Integer number -> number;
            case Long number -> number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE
                    ? tag("$long", number.toString()) : number;
            case BigInteger number -> number.bitLength() < 64 ? tag("$bigint", number.toString()) : number;
            case Double number -> number.isNaN() || number.isInfinite() ? tag("$double", number.toString()) : number;
            case Float number -> tag("$float", number.toString());
            case BigDecimal number -> tag("$decimal", number.toString());
            case Path path -> tag("$path", path.toString());
            case File file -> tag("$file", file.getPath());
            case ShellResult shell -> tag("$shell", Arrays.asList(shell.exitStatus(), shell.stdout(), shell.stderr()));
            case HttpResult http -> tag("$http", Arrays.asList(http.method(), http.url(), http.status(),
                    http.size(), http.body()));
            case List<?> list -> list(list, depth);
            case Set<?> set -> tag("$set", list(new ArrayList<>(set), depth));
            case Map<?, ?> map -> map(map, depth);
            default -> throw new NotStorable(value.getClass().getName());
        };
    }

    private static List<Object> list(List<?> list, int depth) throws NotStorable {
        List<Object> out = new ArrayList<>(list.size());
        for (Object element : list) {
            out.add(encode(element, depth + 1));
        }
        return out;
    }

    private static Object map(Map<?, ?> map, int depth) throws NotStorable {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean tagLike = false;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new NotStorable("a map with " + (entry.getKey() == null ? "a null key"
                        : entry.getKey().getClass().getName() + " keys"));
            }
            tagLike |= key.startsWith("$");
            out.put(key, encode(entry.getValue(), depth + 1));
        }
        return tagLike ? tag("$map", out) : out;
    }

    private static Map<String, Object> tag(String tag, Object value) {
        Map<String, Object> tagged = new LinkedHashMap<>(1);
        tagged.put(tag, value);
        return tagged;
    }

    /** The value whose stored form is {@code stored}. */
    public static Object decode(Object stored) {
        if (stored instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(decode(element));
            }
            return out;
        }
        if (!(stored instanceof Map<?, ?> map)) {
            return stored;
        }
        if (map.size() == 1) {
            Map.Entry<?, ?> only = map.entrySet().iterator().next();
            String key = (String) only.getKey();
            if (key.startsWith("$")) {
                return tagged(key, only.getValue());
            }
        }
        return plainMap(map);
    }

    private static Map<String, Object> plainMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((key, value) -> out.put((String) key, decode(value)));
        return out;
    }

    private static Object tagged(String tag, Object value) {
        return switch (tag) {
            case "$long" -> Long.parseLong((String) value);
            case "$bigint" -> new BigInteger((String) value);
            case "$double" -> Double.parseDouble((String) value);
            case "$float" -> Float.parseFloat((String) value);
            case "$decimal" -> new BigDecimal((String) value);
            case "$path" -> Path.of((String) value);
            case "$file" -> new File((String) value);
            case "$set" -> new LinkedHashSet<>((List<?>) decode(value));
            case "$map" -> plainMap((Map<?, ?>) value);
            case "$shell" -> {
                List<?> parts = (List<?>) value;
                yield new ShellResult((Integer) parts.get(0), (String) parts.get(1), (String) parts.get(2));
            }
            case "$http" -> {
                List<?> parts = (List<?>) value;
                yield new HttpResult((String) parts.get(0), (String) parts.get(1), (Integer) parts.get(2),
                        ((Number) parts.get(3)).longValue(), (String) parts.get(4));
            }
            default -> throw new Json.MalformedException("unknown stored value " + tag);
        };
    }
}
