package io.jobrun.dsl.groovy;

import io.jobrun.job.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The named options each DSL method takes, and how their values convert; shared by the compile-time check. */
final class Options {
    static final List<String> TASK = List.of("on", "timeout", "retries", "backoff", "retryOn", "after", "optional",
            "onSuccess", "onFailure", "onTimeout", "onDone");
    static final List<String> MAP = concat(TASK, "over");
    static final List<String> SHELL = List.of("env", "dir");
    static final List<String> HTTP = List.of("get", "post", "put", "patch", "delete", "head", "method", "url",
            "headers", "body", "expect", "timeout");
    static final List<String> SCRIPT = List.of("file", "call", "args", "allow");
    static final List<String> EXECUTOR = List.of("leakGrace");
    static final List<String> BACKOFF = List.of("delay", "factor", "max");
    static final List<String> WAITING = List.of("timeout");
    static final List<String> SUBMIT = List.of("timeout", "name");

    /** Which option set a call takes, by method name; "task options" is how messages name each set. */
    static final Map<String, List<String>> BY_METHOD = Map.ofEntries(
            Map.entry("task", TASK), Map.entry("then", TASK), Map.entry("map", MAP), Map.entry("shell", SHELL),
            Map.entry("http", HTTP), Map.entry("script", SCRIPT),
            Map.entry("threads", EXECUTOR), Map.entry("virtualThreads", EXECUTOR), Map.entry("processes", EXECUTOR),
            Map.entry("asCompleted", WAITING), Map.entry("wait", WAITING));

    static final Set<String> DURATION_KEYS = Set.of("timeout", "leakGrace", "delay", "max");

    private Options() {
    }

    /** "task option", "shell option", "threads option": the noun in "unknown task option 'timout'". */
    static String noun(String method) {
        return switch (method) {
            case "then", "map" -> "task";
            default -> method;
        } + " option";
    }

    private static List<String> concat(List<String> list, String extra) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(list);
        all.add(extra);
        return List.copyOf(all);
    }

    /** A duration option: "10s" or a number of seconds (as Python's timeout=15). */
    static Duration duration(String key, Object value) {
        if (value instanceof Number number) {
            return Duration.ofMillis(Math.round(number.doubleValue() * 1000));
        }
        if (value instanceof CharSequence text) {
            try {
                return Durations.parse(text.toString());
            } catch (IllegalArgumentException e) {
                throw new OptionException("invalid duration '" + text + "' for " + key + " (expected "
                        + Durations.EXPECTED + ")");
            }
        }
        throw new OptionException(key + " must be a duration such as '10s', got " + describe(value));
    }

    static int count(String key, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).intValue();
        }
        throw new OptionException(key + " must be a whole number, got " + describe(value));
    }

    /** "String 'two'", "Integer 3": a value as a message shows it, without package names. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String type = value.getClass().getSimpleName();
        if (value instanceof groovy.lang.Closure) {
            type = "closure";
        }
        String text = value instanceof CharSequence ? "'" + value + "'" : value instanceof groovy.lang.Closure ? ""
                : String.valueOf(value);
        return text.isEmpty() ? type : type + " " + text;
    }

    /** A bad option value, worded for the user; the builder adds the position. */
    static final class OptionException extends RuntimeException {
        OptionException(String message) {
            super(message);
        }
    }
}
