package io.jobrun.report;

/**
 * Writes JSON as it goes, without building a tree: a 100,000-task report costs a buffer, not its size in objects.
 * The caller keeps the structure right (names inside objects, values inside arrays); this class places the commas.
 * It appends to a buffer ({@link ReportOut#text}) that its owner hands to the file between records.
 */
final class JsonWriter {
    private final StringBuilder buffer;
    /** Inside a {@code <script>} element: '<', '>' and '&' are written as escapes, so no text can close it. */
    private final boolean forHtml;
    /** Per open container, whether it has a member yet (so the next one needs a comma). Index 0 is the top level. */
    private boolean[] hasMember = new boolean[16];
    private int depth;
    /** After {@link #name}: the value follows without a comma. */
    private boolean afterName;

    JsonWriter(StringBuilder buffer, boolean forHtml) {
        this.buffer = buffer;
        this.forHtml = forHtml;
    }

    JsonWriter beginObject() {
        return open('{');
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter beginArray() {
        return open('[');
    }

    JsonWriter endArray() {
        return close(']');
    }

    /** A member's name that this code wrote itself: plain ASCII, needing no escapes. */
    JsonWriter name(String name) {
        separate();
        buffer.append('"').append(name).append("\":");
        afterName = true;
        return this;
    }

    /** A member's name that came from the job (a parameter's name): escaped like any text. */
    JsonWriter key(String name) {
        separate();
        quoted(name);
        buffer.append(':');
        afterName = true;
        return this;
    }

    JsonWriter value(String text) {
        separate();
        if (text == null) {
            buffer.append("null");
        } else {
            quoted(text);
        }
        return this;
    }

    JsonWriter nullValue() {
        separate();
        buffer.append("null");
        return this;
    }

    JsonWriter value(long number) {
        separate();
        buffer.append(number);
        return this;
    }

    JsonWriter value(Integer number) {
        separate();
        buffer.append(number == null ? "null" : number.toString());
        return this;
    }

    JsonWriter value(boolean flag) {
        separate();
        buffer.append(flag);
        return this;
    }

    /** A number of milliseconds, to the microsecond: "12.345". */
    JsonWriter millis(double millis) {
        separate();
        Numbers.fixed3(millis, buffer);
        return this;
    }

    /** Starts the next member or element on a line of its own: one task per line stays readable and greppable. */
    JsonWriter newline() {
        buffer.append('\n');
        return this;
    }

    /** Shorthands for one member. */
    JsonWriter field(String name, String text) {
        return name(name).value(text);
    }

    JsonWriter field(String name, long number) {
        return name(name).value(number);
    }

    JsonWriter field(String name, boolean flag) {
        return name(name).value(flag);
    }

    JsonWriter millisField(String name, double millis) {
        return name(name).millis(millis);
    }

    private JsonWriter open(char bracket) {
        separate();
        buffer.append(bracket);
        depth++;
        if (depth == hasMember.length) {
            hasMember = java.util.Arrays.copyOf(hasMember, depth * 2);
        }
        hasMember[depth] = false;
        return this;
    }

    private JsonWriter close(char bracket) {
        buffer.append(bracket);
        depth--;
        return this;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (hasMember[depth]) {
            buffer.append(',');
        }
        hasMember[depth] = true;
    }

    private void quoted(String text) {
        buffer.append('"');
        int start = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && !(forHtml && (c == '<' || c == '>' || c == '&'))) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair is a character of its own, written as UTF-8; a lone half is escaped below
                continue;
            }
            String escape = escape(c);
            if (escape != null) {
                buffer.append(text, start, i).append(escape);
                start = i + 1;
            }
        }
        buffer.append(text, start, length).append('"');
    }

    private String escape(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            // NOTE: '<' in a script element could close it; U+2028 and U+2029 end a line in JavaScript before ES2019;
            // a lone surrogate has no UTF-8 form.
            default -> c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029
                    || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : null;
        };
    }
}
