package io.jobrun.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON to and from plain values: null, Boolean, numbers, String, List, and Map with String keys. The only JSON code of
 * the project, with {@link JsonWriter} and {@link JsonReader} under it; it depends on nothing else of the project.
 */
public final class Json {
    /** How {@link #read} gives numbers. */
    public enum Numbers {
        /** An integer as Integer, Long or BigInteger by size; a number with a fraction or an exponent as Double. */
        PLAIN,
        /** Every number as a BigDecimal, exactly as written. */
        EXACT
    }

    private Json() {
    }

    /** {@code value} as one line of JSON, maps in their own order. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        JsonWriter.compact(out).value(value, false);
        return out.toString();
    }

    /** {@code value} as JSON with every map's keys sorted: equal values give equal text, whatever a map's order. */
    public static String canonical(Object value) {
        StringBuilder out = new StringBuilder();
        JsonWriter.compact(out).value(value, true);
        return out.toString();
    }

    /** {@code value} as JSON indented by two spaces, a member or element to a line. */
    public static String indented(Object value) {
        StringBuilder out = new StringBuilder();
        JsonWriter.indented(out).value(value, false);
        return out.toString();
    }

    /** Reads one JSON text, numbers as {@link Numbers#PLAIN}. */
    public static Object read(String text) {
        return read(text, Numbers.PLAIN);
    }

    /** Reads one JSON text; an object with two members of one name is refused, as a strict consumer would. */
    public static Object read(String text, Numbers numbers) {
        JsonReader reader = new JsonReader(text);
        Object value = value(reader, numbers);
        reader.finish();
        return value;
    }

    /** The next value of {@code reader} as a plain value. */
    public static Object value(JsonReader reader, Numbers numbers) {
        return switch (reader.peek()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (map.containsKey(name)) {
                        throw reader.error("no second member named " + JsonWriter.quote(name));
                    }
                    map.put(name, value(reader, numbers));
                }
                reader.endObject();
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                reader.beginArray();
                while (reader.hasNext()) {
                    list.add(value(reader, numbers));
                }
                reader.endArray();
                yield list;
            }
            case STRING -> reader.nextString();
            case NUMBER -> number(reader.nextNumber(), numbers);
            case TRUE, FALSE -> reader.nextBoolean();
            case NULL -> {
                reader.nextNull();
                yield null;
            }
        };
    }

    private static Object number(String text, Numbers numbers) {
        if (numbers == Numbers.EXACT) {
            return new BigDecimal(text);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                return Double.parseDouble(text);
            }
        }
        if (text.length() < 10) {
            return Integer.parseInt(text);
        }
        BigInteger big = new BigInteger(text);
        if (big.bitLength() < 32) {
            return big.intValue();
        }
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    /** JSON text written as it is: a part that was written once and is repeated in many lines. */
    public record Raw(String json) {
    }

    /** Not JSON; the message says where ("not JSON at 1:7: expected '}'"). */
    public static final class MalformedException extends IllegalArgumentException {
        public MalformedException(String message) {
            super(message);
        }
    }
}
