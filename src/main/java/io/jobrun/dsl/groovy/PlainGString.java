package io.jobrun.dsl.groovy;

import groovy.lang.Closure;
import groovy.lang.GString;
import groovy.lang.Range;
import groovy.lang.Writable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.util.Collection;
import java.util.Map;
import org.codehaus.groovy.runtime.GStringImpl;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * A job file's {@code "...${...}..."}: Groovy's own GString, which writes its values itself when they are plain (text,
 * numbers, true/false, lists and maps of such, any object whose {@code toString()} Groovy would call) exactly as
 * Groovy writes them, and hands any other (an array, a range, a closure, a stream, another GString) to Groovy's
 * formatter.
 *
 * <p>Why: Groovy 5's formatter, on its first use in a JVM, initializes the compiler's resolver, which lists every class
 * of the packages a Groovy file imports by default by walking the JDK's modules and Groovy's jar: 0.2 s of wall time
 * and 0.3 s of CPU in a run whose file was not compiled again (its classes kept), charged to the first task that
 * formats a string (README, "Start-up"). {@link GStringRewrite} makes the file's strings of this class; {@link #text}
 * is {@code println}'s.
 */
public final class PlainGString extends GStringImpl {
    private static final long serialVersionUID = 1L;
    /** How deep lists and maps in lists and maps are written here; deeper ones go to Groovy's formatter. */
    private static final int DEPTH = 16;

    public PlainGString(Object[] values, String[] strings) {
        super(values, strings);
    }

    @Override
    public String toString() {
        if (!plainValues(0)) {
            return super.toString();
        }
        StringBuilder text = new StringBuilder(calcInitialCapacity());
        appendTo(text);
        return text.toString();
    }

    @Override
    public Writer writeTo(Writer out) throws IOException {
        if (!plainValues(0)) {
            return super.writeTo(out);
        }
        StringBuilder text = new StringBuilder(calcInitialCapacity());
        appendTo(text);
        out.write(text.toString());
        return out;
    }

    /** {@code "a${x}" + "b"}, {@code + "b${y}"}: Groovy's string of both, of this class. */
    @Override
    public GString plus(GString that) {
        GString both = super.plus(that);
        return new PlainGString(both.getValues(), both.getStrings());
    }

    /** {@code value} as Groovy's {@code println} and {@code toString()} of a string write it. */
    static String text(Object value) {
        if (value instanceof String string) {
            return string;
        }
        if (!plain(value, 0)) {
            return InvokerHelper.toString(value);
        }
        StringBuilder text = new StringBuilder();
        append(text, value);
        return text.toString();
    }

    /**
     * Whether every value is plain. NOTE: a GString writes a Writable value with its writeTo, not its toString; and
     * whether a value is plain is decided by its type alone, before any is written, so that no value's toString runs
     * twice when Groovy's formatter writes the string after all.
     */
    private boolean plainValues(int depth) {
        for (Object value : getValues()) {
            if (value instanceof Writable && !(value instanceof PlainGString) || !plain(value, depth)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether Groovy's formatter writes {@code value} by rules {@link #append} follows: null, text, a list or set, a
     * map, of such, and anything written as its {@code toString()}; not an array, a range, a closure, a stream, a DOM
     * element, a Writable, nor lists and maps nested deeper than {@link #DEPTH}.
     */
    private static boolean plain(Object value, int depth) {
        if (value == null || value instanceof String) {
            return true;
        }
        if (value instanceof PlainGString string) {
            return depth < DEPTH && string.plainValues(depth + 1);
        }
        if (value instanceof Collection<?> items) {
            if (value instanceof Range || depth >= DEPTH) {
                return false;
            }
            for (Object item : items) {
                if (item != items && !plain(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            if (depth >= DEPTH) {
                return false;
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getKey() != map && !plain(entry.getKey(), depth + 1)
                        || entry.getValue() != map && !plain(entry.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return !(value instanceof Closure || value instanceof Writable || value.getClass().isArray()
                || value instanceof InputStream || value instanceof Reader || value instanceof org.w3c.dom.Element);
    }

    /** Appends this string's text, its values {@link #plain}. */
    private void appendTo(StringBuilder text) {
        String[] strings = getStrings();
        Object[] values = getValues();
        for (int i = 0; i < strings.length; i++) {
            text.append(strings[i]);
            if (i < values.length) {
                append(text, values[i]);
            }
        }
    }

    /**
     * Appends {@code value}, {@link #plain}, as Groovy's formatter writes it: null is "null"; a list or set is its
     * items, each written so, between {@code [} and {@code ]} and after {@code ", "}, itself as "(this Collection)"; a
     * map is {@code [key:value, ...]}, {@code [:]} when empty, itself as "(this Map)"; anything else is its
     * {@code toString()}.
     */
    private static void append(StringBuilder text, Object value) {
        if (value instanceof PlainGString string) {
            string.appendTo(text);
        } else if (value instanceof Collection<?> items) {
            text.append('[');
            boolean first = true;
            for (Object item : items) {
                text.append(first ? "" : ", ");
                first = false;
                if (item == items) {
                    text.append("(this Collection)");
                } else {
                    append(text, item);
                }
            }
            text.append(']');
        } else if (value instanceof Map<?, ?> map) {
            appendMap(text, map);
        } else {
            text.append(value == null ? "null" : value.toString());
        }
    }

    private static void appendMap(StringBuilder text, Map<?, ?> map) {
        if (map.isEmpty()) {
            text.append("[:]");
            return;
        }
        text.append('[');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            text.append(first ? "" : ", ");
            first = false;
            appendIn(text, entry.getKey(), map);
            text.append(':');
            appendIn(text, entry.getValue(), map);
        }
        text.append(']');
    }

    private static void appendIn(StringBuilder text, Object value, Map<?, ?> map) {
        if (value == map) {
            text.append("(this Map)");
        } else {
            append(text, value);
        }
    }
}
