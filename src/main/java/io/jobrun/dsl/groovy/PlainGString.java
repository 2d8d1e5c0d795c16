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
        StringBuilder text = new StringBuilder(calcInitialCapacity());
        return appendTo(text, 0) ? text.toString() : super.toString();
    }

    @Override
    public Writer writeTo(Writer out) throws IOException {
        StringBuilder text = new StringBuilder(calcInitialCapacity());
        if (!appendTo(text, 0)) {
            return super.writeTo(out);
        }
        out.write(text.toString());
        return out;
    }

    /** {@code "a${x}" + "b"}, {@code + "b${y}"}: Groovy's string of both, of this class. */
    @Override
    public GString plus(GString that) {
        GString both = super.plus(that);
        return new PlainGString(both.getValues(), both.getStrings());
    }

    /** Appends this string's text; false, with part of it appended, when a value is not plain. */
    private boolean appendTo(StringBuilder text, int depth) {
        String[] strings = getStrings();
        Object[] values = getValues();
        for (int i = 0; i < strings.length; i++) {
            text.append(strings[i]);
            if (i < values.length && (values[i] instanceof Writable && !(values[i] instanceof PlainGString)
                    || !append(text, values[i], depth))) {
                return false; // NOTE: a GString writes a Writable value with its writeTo, not its toString
            }
        }
        return true;
    }

    /** {@code value} as Groovy's {@code println} and {@code toString()} of a string write it. */
    static String text(Object value) {
        if (value instanceof String string) {
            return string;
        }
        StringBuilder text = new StringBuilder();
        return append(text, value, 0) ? text.toString() : InvokerHelper.toString(value);
    }

    /**
     * Appends {@code value} as Groovy's formatter writes it, when it is plain: false, with part of it appended, when it
     * is not. Groovy's rules, for what is plain: null is "null"; a list or set is its items, each written so, between
     * {@code [} and {@code ]} and after {@code ", "}, itself as "(this Collection)"; a map is {@code [key:value, ...]},
     * {@code [:]} when empty, itself as "(this Map)"; an array, a range, a closure, a stream, a DOM element and a
     * Writable are Groovy's to write; anything else is its {@code toString()}.
     */
    private static boolean append(StringBuilder text, Object value, int depth) {
        if (value == null) {
            text.append("null");
        } else if (value instanceof String string) {
            text.append(string);
        } else if (value instanceof PlainGString string) {
            return depth < DEPTH && string.appendTo(text, depth + 1);
        } else if (value instanceof Collection<?> items) {
            return !(value instanceof Range) && depth < DEPTH && appendItems(text, items, depth + 1);
        } else if (value instanceof Map<?, ?> map) {
            return depth < DEPTH && appendMap(text, map, depth + 1);
        } else if (value instanceof Closure || value instanceof Writable || value.getClass().isArray()
                || value instanceof InputStream || value instanceof Reader || value instanceof org.w3c.dom.Element) {
            return false;
        } else {
            text.append(value);
        }
        return true;
    }

    private static boolean appendItems(StringBuilder text, Collection<?> items, int depth) {
        text.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                text.append(", ");
            }
            first = false;
            if (item == items) {
                text.append("(this Collection)");
            } else if (!append(text, item, depth)) {
                return false;
            }
        }
        text.append(']');
        return true;
    }

    private static boolean appendMap(StringBuilder text, Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            text.append("[:]");
            return true;
        }
        text.append('[');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                text.append(", ");
            }
            first = false;
            if (!appendIn(text, entry.getKey(), map, depth)) {
                return false;
            }
            text.append(':');
            if (!appendIn(text, entry.getValue(), map, depth)) {
                return false;
            }
        }
        text.append(']');
        return true;
    }

    private static boolean appendIn(StringBuilder text, Object value, Map<?, ?> map, int depth) {
        if (value == map) {
            text.append("(this Map)");
            return true;
        }
        return append(text, value, depth);
    }
}
