package io.jobrun.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes JSON as it goes, into a {@link StringBuilder}, without building a tree: a 100,000-task report or journal costs
 * a buffer, not its size in objects. The caller keeps the structure right (names inside objects, values inside
 * arrays); the writer places the commas, and in {@link #indented} mode the line breaks and indentation.
 *
 * <p>Text is escaped so that the output is one line per value whatever the text holds: control characters (C0, DEL
 * and C1), U+2028 and U+2029 (line ends to JavaScript before ES2019) and lone surrogates (no UTF-8 form) are written
 * as escapes; in {@link #forHtml} mode also '&lt;', '&gt;' and '&amp;', so that no text can close a script element.
 */
public final class JsonWriter {
    private final StringBuilder out;
    private final boolean forHtml;
    /** Two spaces per level and ": " after names, as {@code dsl/job.schema.json} is written; else compact. */
    private final boolean indented;
    /** Per open container, whether it has a member yet (so the next one needs a comma). Index 0 is the top level. */
    private boolean[] hasMember = new boolean[16];
    private int depth;
    /** After {@link #name}: the value follows without a comma. */
    private boolean afterName;

    private JsonWriter(StringBuilder out, boolean forHtml, boolean indented) {
        this.out = out;
        this.forHtml = forHtml;
        this.indented = indented;
    }

    /** Compact JSON appended to {@code out}. */
    public static JsonWriter compact(StringBuilder out) {
        return new JsonWriter(out, false, false);
    }

    /** Compact JSON for a {@code <script>} element of an HTML page. */
    public static JsonWriter forHtml(StringBuilder out) {
        return new JsonWriter(out, true, false);
    }

    /** JSON indented by two spaces, a member or element to a line. */
    public static JsonWriter indented(StringBuilder out) {
        return new JsonWriter(out, false, true);
    }

    /** Starts a new top-level value, after the buffer was emptied: a writer reused for many lines. */
    public JsonWriter reset() {
        depth = 0;
        hasMember[0] = false;
        afterName = false;
        return this;
    }

    /** Where the text goes; its owner may take what was written between values. */
    public StringBuilder buffer() {
        return out;
    }

    public JsonWriter beginObject() {
        return open('{');
    }

    public JsonWriter endObject() {
        return close('}');
    }

    public JsonWriter beginArray() {
        return open('[');
    }

    public JsonWriter endArray() {
        return close(']');
    }

    /** A member's name. */
    public JsonWriter name(String name) {
        separate();
        quote(name, out, forHtml);
        out.append(indented ? ": " : ":");
        afterName = true;
        return this;
    }

    /** Text, or null. */
    public JsonWriter value(String text) {
        separate();
        if (text == null) {
            out.append("null");
        } else {
            quote(text, out, forHtml);
        }
        return this;
    }

    /**
     * Text, then {@code joiner} (printable ASCII other than a quote or backslash, written as it is) and
     * {@code number}, as one text ("analyze#3"): written without a String made for it.
     */
    public JsonWriter value(String text, char joiner, long number) {
        separate();
        quote(text, out, forHtml);
        out.setLength(out.length() - 1); // NOTE: the closing quote goes after the number instead
        out.append(joiner).append(number).append('"');
        return this;
    }

    public JsonWriter nullValue() {
        separate();
        out.append("null");
        return this;
    }

    public JsonWriter value(long number) {
        separate();
        out.append(number);
        return this;
    }

    /** A number, or null. */
    public JsonWriter value(Integer number) {
        separate();
        out.append(number == null ? "null" : number.toString());
        return this;
    }

    public JsonWriter value(boolean flag) {
        separate();
        out.append(flag);
        return this;
    }

    /** A finite number as Java writes it ("1.5", "1.0E10"); JSON has no NaN or infinity. */
    public JsonWriter value(double number) {
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            throw new IllegalArgumentException("JSON has no " + number);
        }
        separate();
        out.append(number);
        return this;
    }

    /** A number with three decimals ("12.345"), written without {@code String.format}, which costs a microsecond. */
    public JsonWriter fixed3(double number) {
        separate();
        fixed3(number, out);
        return this;
    }

    /** {@code number} with three decimals: "12.345", "0.000", "-1.500". */
    public static void fixed3(double number, StringBuilder out) {
        long thousandths = Math.round(number * 1000);
        if (thousandths < 0) {
            out.append('-');
            thousandths = -thousandths;
        }
        out.append(thousandths / 1000).append('.');
        long fraction = thousandths % 1000;
        if (fraction < 100) {
            out.append('0');
        }
        if (fraction < 10) {
            out.append('0');
        }
        out.append(fraction);
    }

    /** Shorthands for one member. */
    public JsonWriter field(String name, String text) {
        return name(name).value(text);
    }

    public JsonWriter field(String name, long number) {
        return name(name).value(number);
    }

    public JsonWriter field(String name, boolean flag) {
        return name(name).value(flag);
    }

    public JsonWriter fixed3Field(String name, double number) {
        return name(name).fixed3(number);
    }

    /** Text that is JSON already, written as it is: a part written once and repeated in many places. */
    public JsonWriter raw(CharSequence json) {
        separate();
        out.append(json);
        return this;
    }

    /**
     * A plain value: null, Boolean, a Number (Integer, Long, BigInteger, Double, BigDecimal ...), text, a List, or a
     * Map with text keys, in its own order or with {@code sorted} keys (equal values then give equal text).
     */
    public JsonWriter value(Object value, boolean sorted) {
        switch (value) {
            case null -> nullValue();
            case CharSequence text -> value(text.toString());
            case Boolean flag -> value(flag.booleanValue());
            case Integer number -> value(number.longValue());
            case Long number -> value(number.longValue());
            case Short number -> value(number.longValue());
            case Byte number -> value(number.longValue());
            case Double number -> value(number.doubleValue());
            case Float number -> value(number.doubleValue());
            case BigInteger number -> raw(number.toString());
            case BigDecimal number -> raw(number.toString());
            case Json.Raw json -> raw(json.json());
            case Map<?, ?> map -> {
                beginObject();
                for (Map.Entry<?, ?> entry : (sorted ? new TreeMap<>(map) : map).entrySet()) {
                    name(String.valueOf(entry.getKey())).value(entry.getValue(), sorted);
                }
                endObject();
            }
            case List<?> list -> {
                beginArray();
                for (Object element : list) {
                    value(element, sorted);
                }
                endArray();
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
        return this;
    }

    /** Starts the next member or element on a line of its own: one task per line stays readable and greppable. */
    public JsonWriter newline() {
        out.append('\n');
        return this;
    }

    private JsonWriter open(char bracket) {
        separate();
        out.append(bracket);
        depth++;
        if (depth == hasMember.length) {
            hasMember = Arrays.copyOf(hasMember, depth * 2);
        }
        hasMember[depth] = false;
        return this;
    }

    private JsonWriter close(char bracket) {
        if (indented && hasMember[depth]) {
            lineAt(depth - 1);
        }
        out.append(bracket);
        depth--;
        return this;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (hasMember[depth]) {
            out.append(',');
        }
        hasMember[depth] = true;
        if (indented && depth > 0) {
            lineAt(depth);
        }
    }

    private void lineAt(int level) {
        out.append('\n');
        for (int i = 0; i < level; i++) {
            out.append("  ");
        }
    }

    /** {@code text} as a JSON string, escaped as the class comment says. */
    public static void quote(String text, StringBuilder out, boolean forHtml) {
        out.append('"');
        int start = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && !(forHtml && (c == '<' || c == '>' || c == '&'))
                    || c >= 0xa0 && c < 0x2028) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair is a character of its own, written as UTF-8; a lone half is escaped below
                continue;
            }
            String escape = escape(c, forHtml);
            if (escape != null) {
                out.append(text, start, i).append(escape);
                start = i + 1;
            }
        }
        out.append(text, start, length).append('"');
    }

    /** {@code text} as a JSON string. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        quote(text, out, false);
        return out.toString();
    }

    private static String escape(char c, boolean forHtml) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            default -> c < 0x20 || c >= 0x7f && c < 0xa0 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)
                    || forHtml && (c == '<' || c == '>' || c == '&') ? unicode(c) : null;
        };
    }

    private static String unicode(char c) {
        String hex = Integer.toHexString(c);
        return "\\u" + "0000".substring(hex.length()) + hex;
    }
}
