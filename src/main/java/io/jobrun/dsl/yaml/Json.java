package io.jobrun.dsl.yaml;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes maps, lists, text, numbers and booleans as JSON, indented by two spaces as {@code dsl/job.schema.json} is. */
final class Json {
    private Json() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, 0, out);
        return out.toString();
    }

    private static void write(Object value, int indent, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case Map<?, ?> map -> object(map, indent, out);
            case List<?> list -> array(list, indent, out);
            case CharSequence text -> string(text.toString(), out);
            case Number number -> out.append(number);
            case Boolean flag -> out.append(flag);
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void object(Map<?, ?> map, int indent, StringBuilder out) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            out.append("  ".repeat(indent + 1));
            string(String.valueOf(entry.getKey()), out);
            out.append(": ");
            write(entry.getValue(), indent + 1, out);
            out.append(entries.hasNext() ? ",\n" : "\n");
        }
        out.append("  ".repeat(indent)).append('}');
    }

    private static void array(List<?> list, int indent, StringBuilder out) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append("[\n");
        for (int i = 0; i < list.size(); i++) {
            out.append("  ".repeat(indent + 1));
            write(list.get(i), indent + 1, out);
            out.append(i < list.size() - 1 ? ",\n" : "\n");
        }
        out.append("  ".repeat(indent)).append(']');
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
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
}
