package io.jobrun.job.expr;

import io.jobrun.job.text.Excerpt;
import io.jobrun.job.text.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an {@link Expression} over plain values: maps (by key), lists (by index), strings, numbers, booleans, and
 * {@link ExpressionValue}s (by their listed properties). Methods are a fixed list; nothing else of Java is reachable.
 */
public final class Evaluator {
    /** The methods an expression may call, by the kind of value they apply to. */
    static final List<String> STRING_METHODS = List.of("size", "trim", "upper", "lower", "lines");
    static final List<String> LIST_METHODS = List.of("size", "first", "last", "join");
    static final List<String> MAP_METHODS = List.of("size", "keys");
    /** Every method an expression may call; any other is refused when the expression is read. */
    static final List<String> METHODS = List.of("size", "trim", "upper", "lower", "lines", "first", "last", "join",
            "keys");

    private Evaluator() {
    }

    /** The value of {@code expression} with {@code roots} as its names ({@code params}, {@code item}, ...). */
    public static Object evaluate(Expression expression, Map<String, Object> roots) {
        if (!roots.containsKey(expression.root())) {
            throw new ExpressionException("unknown name '" + expression.root() + "' (expected "
                    + names(roots.keySet()) + ")" + Suggestions.hint(expression.root(), roots.keySet()),
                    expression.offset());
        }
        Object value = roots.get(expression.root());
        String path = expression.root();
        for (Expression.Step step : expression.steps()) {
            value = switch (step) {
                case Expression.Property property -> property(value, property.name(), path, step.offset());
                case Expression.Index index -> index(value, index.key(), path, step.offset());
                case Expression.Call call -> call(value, call, path);
            };
            path = path + describe(step);
        }
        return value;
    }

    /**
     * How a value reads inside text: lists as their items separated by spaces, maps (a matrix's items) as their
     * entries {@code key=value} separated by spaces, null as nothing.
     */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return String.join(" ", words(value));
        }
        return String.valueOf(value);
    }

    /**
     * The words a list or a map gives where each is a word of its own (outside quotes in a shell command): a list's
     * items, a map's entries as {@code key=value}; any other value is one word.
     */
    public static List<String> words(Object value) {
        List<String> words = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> words.add(text(item)));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> words.add(key + "=" + text(entry)));
        } else {
            words.add(text(value));
        }
        return words;
    }

    private static Object property(Object value, String name, String path, int offset) {
        Map<String, ?> properties = properties(value);
        if (properties == null) {
            throw new ExpressionException(path + " is " + kind(value) + ", which has no property '" + name + "'",
                    offset);
        }
        if (!properties.containsKey(name) && path.equals("env")) {
            // NOTE: the environment is large and its names are the machine's; list none, suggest one.
            throw new ExpressionException("no environment variable '" + name + "' (not in jobrun's environment or"
                    + " an env file)" + Suggestions.hint(name, properties.keySet()), offset);
        }
        if (!properties.containsKey(name)) {
            throw new ExpressionException(path + " has no '" + name + "'"
                    + (properties.isEmpty() ? " (it is empty)" : " (it has " + names(properties.keySet()) + ")")
                    + Suggestions.hint(name, properties.keySet()), offset);
        }
        return properties.get(name);
    }

    private static Object index(Object value, Object key, String path, int offset) {
        if (key instanceof String name) {
            return property(value, name, path, offset);
        }
        int position = (Integer) key;
        if (!(value instanceof List<?> list)) {
            throw new ExpressionException(path + " is " + kind(value) + ", not a list; [" + position
                    + "] needs a list", offset);
        }
        int actual = position < 0 ? list.size() + position : position;
        if (actual < 0 || actual >= list.size()) {
            throw new ExpressionException(path + "[" + position + "] is out of range: the list has " + list.size()
                    + (list.size() == 1 ? " item" : " items"), offset);
        }
        return list.get(actual);
    }

    private static Object call(Object value, Expression.Call call, String path) {
        List<String> known = value instanceof CharSequence ? STRING_METHODS : value instanceof List<?> ? LIST_METHODS
                : value instanceof Map<?, ?> || value instanceof ExpressionValue ? MAP_METHODS : List.of();
        if (!known.contains(call.name())) {
            throw new ExpressionException(path + " is " + kind(value) + ", which has no method '" + call.name()
                    + "()'" + (known.isEmpty() ? "" : " (it has " + String.join(", ", known.stream()
                    .map(m -> m + "()").toList()) + ")") + Suggestions.hint(call.name(), known), call.offset());
        }
        int arity = call.name().equals("join") ? 1 : 0;
        if (call.arguments().size() != arity) {
            throw new ExpressionException(call.name() + "() takes " + (arity == 0 ? "no arguments"
                    : "one argument, the separator: join(', ')") + ", got " + call.arguments().size(), call.offset());
        }
        return switch (value) {
            case CharSequence text -> switch (call.name()) {
                case "size" -> text.length();
                case "trim" -> text.toString().strip();
                case "upper" -> text.toString().toUpperCase(java.util.Locale.ROOT);
                case "lower" -> text.toString().toLowerCase(java.util.Locale.ROOT);
                default -> List.copyOf(text.toString().lines().toList());
            };
            case List<?> list -> switch (call.name()) {
                case "size" -> list.size();
                case "first" -> list.isEmpty() ? null : list.get(0);
                case "last" -> list.isEmpty() ? null : list.get(list.size() - 1);
                default -> {
                    List<String> items = new ArrayList<>();
                    list.forEach(item -> items.add(text(item)));
                    yield String.join(String.valueOf(call.arguments().get(0)), items);
                }
            };
            default -> {
                Map<String, ?> map = properties(value);
                yield call.name().equals("size") ? map.size() : List.copyOf(map.keySet());
            }
        };
    }

    /** The named parts of a value, or null when it has none. */
    @SuppressWarnings("unchecked")
    static Map<String, ?> properties(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> byName = new LinkedHashMap<>();
            map.forEach((k, v) -> byName.put(String.valueOf(k), v));
            return byName;
        }
        if (value instanceof ExpressionValue custom) {
            return custom.properties();
        }
        if (value instanceof Throwable error) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("message", error.getMessage());
            view.put("type", error.getClass().getSimpleName());
            return view;
        }
        return null;
    }

    private static String kind(Object value) {
        return switch (value) {
            case null -> "null";
            case CharSequence text -> "the text " + Excerpt.of(text);
            case Number number -> "the number " + number;
            case Boolean flag -> "the boolean " + flag;
            case List<?> list -> "a list";
            default -> "a value";
        };
    }

    private static String describe(Expression.Step step) {
        return switch (step) {
            case Expression.Property property -> "." + property.name();
            case Expression.Index index -> index.key() instanceof String key ? "['" + key + "']"
                    : "[" + index.key() + "]";
            case Expression.Call call -> "." + call.name() + "()";
        };
    }

    private static String names(java.util.Collection<String> names) {
        List<String> list = new ArrayList<>(names);
        if (list.size() == 1) {
            return list.get(0);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }
}
