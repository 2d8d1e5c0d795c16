package io.jobrun.task.script.polyglot;

import io.jobrun.task.script.ScriptLanguage;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * Turns plain Java values into the guest's own lists and dicts, and guest values back into plain Java values.
 *
 * <p>Why copies rather than host objects: the sandbox gives guests no host access, and a Python script should see a
 * real {@code dict} and {@code list} (with {@code .items()}, slicing, {@code json.dumps}) rather than a foreign
 * object. Results are copied out before the context moves on, so no {@link Value} leaks out of the runner.
 *
 * <p>Integers stay exact both ways: a {@code BigInteger} becomes a Python {@code int} or a JavaScript {@code BigInt}
 * (as does a {@code long} past 2^53 in JavaScript), and a guest integer comes back as an Integer, a Long or a
 * BigInteger, never a floating-point number.
 */
final class GuestValues {
    /** Deeper than this is almost surely a cycle (a list that contains itself). */
    private static final int MAX_DEPTH = 64;
    /** The largest integer a JavaScript number holds exactly: 2^53 - 1. */
    private static final double MAX_SAFE_JS_INTEGER = 9007199254740991d;

    private final ScriptLanguage language;
    /** JS {@code Array} / Python {@code list}: called to make an empty list. */
    private final Value listType;
    /** JS {@code Object} / Python {@code dict}: called to make an empty map. */
    private final Value mapType;
    /** JS {@code BigInt} / Python {@code int}: called with decimal digits to make an exact big integer. */
    private final Value bigIntegerType;

    GuestValues(Context context, ScriptLanguage language) {
        this.language = language;
        boolean js = language == ScriptLanguage.JAVASCRIPT;
        this.listType = context.eval(language.languageId(), js ? "Array" : "list");
        this.mapType = context.eval(language.languageId(), js ? "Object" : "dict");
        this.bigIntegerType = context.eval(language.languageId(), js ? "BigInt" : "int");
    }

    /** A guest value for a plain Java value; fails on anything else (a job's inputs are plain values). */
    Object toGuest(Object value) {
        return toGuest(value, 0);
    }

    private Object toGuest(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("a script input is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (value instanceof Long number && language == ScriptLanguage.JAVASCRIPT
                && Math.abs((double) number) > MAX_SAFE_JS_INTEGER) {
            // NOTE: a JavaScript number holds integers exactly only up to 2^53; past that, a BigInt keeps the digits.
            return bigIntegerType.execute(number.toString());
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof Float || value instanceof Short
                || value instanceof Byte || value instanceof Character) {
            return value;
        }
        if (value instanceof BigInteger big) {
            // NOTE: digits, not a host object: the sandbox gives guests no host access, and a double would round.
            return bigIntegerType.execute(big.toString());
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof List<?> list) {
            Value guest = language == ScriptLanguage.JAVASCRIPT ? listType.newInstance() : listType.execute();
            String append = language == ScriptLanguage.JAVASCRIPT ? "push" : "append";
            for (Object element : list) {
                guest.invokeMember(append, toGuest(element, depth + 1));
            }
            return guest;
        }
        if (value instanceof Map<?, ?> map) {
            Value guest = language == ScriptLanguage.JAVASCRIPT ? mapType.newInstance() : mapType.execute();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object element = toGuest(entry.getValue(), depth + 1);
                if (language == ScriptLanguage.JAVASCRIPT) {
                    guest.putMember(String.valueOf(entry.getKey()), element);
                } else {
                    guest.putHashEntry(toGuest(entry.getKey(), depth + 1), element);
                }
            }
            return guest;
        }
        throw new IllegalArgumentException("a script input must be a plain value (number, string, boolean, null, list"
                + " or map), got a " + value.getClass().getName());
    }

    /**
     * The plain Java value of a guest value: null, Boolean, String, Integer, Long, BigInteger, Double, or a List or
     * Map of those.
     *
     * @throws UnsupportedValue the guest value has no plain counterpart (a function, a class instance, a date)
     */
    Object toJava(Value value) throws UnsupportedValue {
        return toJava(value, 0);
    }

    private Object toJava(Value value, int depth) throws UnsupportedValue {
        if (depth > MAX_DEPTH) {
            throw new UnsupportedValue("the script's value is nested more than " + MAX_DEPTH
                    + " levels deep (does a list contain itself?)");
        }
        if (value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isNumber()) {
            return number(value);
        }
        if (value.hasArrayElements()) {
            List<Object> list = new ArrayList<>((int) Math.min(value.getArraySize(), 1 << 20));
            for (long i = 0; i < value.getArraySize(); i++) {
                list.add(toJava(value.getArrayElement(i), depth + 1));
            }
            return list;
        }
        if (value.hasHashEntries()) {
            Map<Object, Object> map = new LinkedHashMap<>();
            Value entries = value.getHashEntriesIterator();
            while (entries.hasIteratorNextElement()) {
                Value entry = entries.getIteratorNextElement();
                map.put(toJava(entry.getArrayElement(0), depth + 1), toJava(entry.getArrayElement(1), depth + 1));
            }
            return map;
        }
        if (language == ScriptLanguage.JAVASCRIPT && isPlainJsObject(value)) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (String key : value.getMemberKeys()) {
                map.put(key, toJava(value.getMember(key), depth + 1));
            }
            return map;
        }
        if (language == ScriptLanguage.PYTHON && value.hasIterator() && !value.canExecute()) {
            List<Object> list = new ArrayList<>();    // a set, a generator, a range, dict views
            Value iterator = value.getIterator();
            while (iterator.hasIteratorNextElement()) {
                list.add(toJava(iterator.getIteratorNextElement(), depth + 1));
            }
            return list;
        }
        throw new UnsupportedValue("a script must return numbers, strings, booleans, null/None, lists or maps/dicts;"
                + " it returned " + describe(value));
    }

    private static Object number(Value value) {
        if (value.fitsInInt()) {
            return value.asInt();
        }
        if (value.fitsInLong()) {
            return value.asLong();
        }
        if (value.fitsInBigInteger()) {
            return value.asBigInteger();
        }
        return value.asDouble();
    }

    private static boolean isPlainJsObject(Value value) {
        return value.hasMembers() && !value.canExecute() && !value.isHostObject() && !value.isProxyObject()
                && !value.isDate() && !value.isTime() && !value.isException()
                && value.getMetaObject() != null && "Object".equals(value.getMetaObject().getMetaSimpleName());
    }

    private static String describe(Value value) {
        Value meta = value.getMetaObject();
        String type = meta == null ? "value" : meta.getMetaSimpleName();
        return (value.canExecute() ? "a function" : "a " + type) + " (" + abbreviate(value.toString()) + ")";
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** A guest value with no plain Java counterpart. */
    static final class UnsupportedValue extends Exception {
        UnsupportedValue(String message) {
            super(message, null, false, false);
        }
    }
}
