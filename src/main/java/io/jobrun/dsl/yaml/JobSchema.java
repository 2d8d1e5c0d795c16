package io.jobrun.dsl.yaml;

import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorKinds;
import io.jobrun.job.Kinds;
import io.jobrun.job.OptionSpec;
import io.jobrun.job.OptionType;
import io.jobrun.job.TaskKind;
import io.jobrun.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dsl/job.schema.json}, the JSON Schema editors check YAML job files with: its fixed parts from a template,
 * and the parts the registries define (each executor kind and each task kind with its options) generated from them,
 * so that a kind added to a registry is in the schema without anyone writing it there.
 */
public final class JobSchema {
    private static final String TEMPLATE = "job.schema.template.json";

    private JobSchema() {
    }

    /** The whole schema for the kinds of {@code kinds}, as the file holds it. */
    public static String generate(Kinds kinds) {
        String schema = template();
        schema = value(schema, "@executor@", executor(kinds.executors()));
        Map<String, Object> bodies = new LinkedHashMap<>();
        List<Object> required = new ArrayList<>();
        for (TaskKind kind : kinds.tasks().all()) {
            bodies.put(Spelling.snake(kind.name()), body(kind));
            required.add(object("required", List.of(Spelling.snake(kind.name()))));
        }
        schema = entries(schema, "@task-kinds@", bodies);
        schema = value(schema, "@task-kind-required@", required);
        TaskKind shell = kinds.tasks().find("shell");
        if (shell != null) {
            Map<String, Object> callback = body(shell);
            callback.put("description", "Run this command; its output is passed on.");
            while (schema.contains("\"@callback-shell@\"")) {
                schema = value(schema, "@callback-shell@", callback);
            }
        }
        return schema;
    }

    /** {@code schema} with the first {@code "NAME"} value replaced by {@code value}, indented where it stands. */
    private static String value(String schema, String name, Object value) {
        String placeholder = "\"" + name + "\"";
        int at = schema.indexOf(placeholder);
        String json = Json.indented(value).replace("\n", "\n" + indentAt(schema, at));
        return schema.substring(0, at) + json + schema.substring(at + placeholder.length());
    }

    /** {@code schema} with the line {@code "NAME": "@entries@"} replaced by the entries of {@code entries}. */
    private static String entries(String schema, String name, Map<String, Object> entries) {
        String placeholder = "\"" + name + "\": \"@entries@\"";
        int at = schema.indexOf(placeholder);
        String indent = indentAt(schema, at);
        String object = Json.indented(entries);
        // the object's own entries, without its braces, at this indentation
        String inner = object.substring(2, object.length() - 2).replace("\n  ", "\n" + indent);
        return schema.substring(0, at) + inner.substring(2) + schema.substring(at + placeholder.length());
    }

    private static String indentAt(String text, int at) {
        int lineStart = text.lastIndexOf('\n', at) + 1;
        return " ".repeat((int) text.substring(lineStart, at).chars().takeWhile(c -> c == ' ').count());
    }

    /** What a task kind's key takes: a map of its options, or the text its shorthand stands for. */
    private static Map<String, Object> body(TaskKind kind) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (OptionSpec option : kind.options()) {
            properties.put(Spelling.snake(option.name()), option(option));
        }
        Map<String, Object> map = object("type", "object", "additionalProperties", false, "properties", properties);
        if (kind.shorthand() == null) {
            Map<String, Object> body = object("description", sentence(kind.description()));
            body.putAll(map);
            return body;
        }
        return object("description", sentence(kind.description()) + " Text alone is its "
                + Spelling.snake(kind.shorthand()) + ".", "oneOf", List.of(object("type", "string", "minLength", 1),
                map));
    }

    /** One entry of {@code executors:}: one branch per kind, each with the kind's key and its options. */
    static Map<String, Object> executor(ExecutorKinds executorKinds) {
        List<Object> branches = new ArrayList<>();
        for (ExecutorKind kind : executorKinds.all()) {
            String key = Spelling.snake(kind.name());
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put(key, object("type", "integer", "minimum", 1, "description",
                    sentence(kind.description().replace("N ", "this many ").replace(" N", " this many"))));
            for (OptionSpec option : kind.options()) {
                properties.put(Spelling.snake(option.name()), option(option));
            }
            Map<String, Object> branch = new LinkedHashMap<>();
            branch.put("type", "object");
            branch.put("description", key + ": " + kind.description());
            branch.put("additionalProperties", false);
            branch.put("required", List.of(key));
            branch.put("properties", properties);
            branches.add(branch);
        }
        Map<String, Object> executor = new LinkedHashMap<>();
        executor.put("description", "A pool: exactly one kind with its number of workers, and that kind's options.");
        executor.put("oneOf", branches);
        return executor;
    }

    private static Map<String, Object> option(OptionSpec option) {
        Map<String, Object> schema = new LinkedHashMap<>(type(option.type()));
        if (!option.choices().isEmpty() && option.type() == OptionType.TEXT) {
            schema.put("enum", option.choices());
        } else if (!option.choices().isEmpty() && option.type() == OptionType.NAMES) {
            schema.put("oneOf", List.of(object("type", "string", "enum", option.choices()),
                    object("type", "array", "items", object("type", "string", "enum", option.choices()))));
        }
        schema.put("description", sentence(option.description()));
        return schema;
    }

    /** The JSON Schema of a value of {@code type}, as YAML writes it. */
    static Map<String, Object> type(OptionType type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        switch (type) {
            case COUNT -> schema.put("type", "integer");
            case NUMBER -> schema.put("type", "number");
            case DURATION -> schema.put("oneOf", List.of(
                    object("type", "string", "pattern", "^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h)\\s*$"),
                    object("type", "number", "minimum", 0)));
            case TEXT, COMMAND -> schema.put("type", "string");
            case FLAG -> schema.put("type", "boolean");
            case NAMES -> schema.put("oneOf", List.of(object("type", "string"),
                    object("type", "array", "items", object("type", "string"))));
            case TEXT_MAP -> {
                schema.put("type", "object");
                schema.put("additionalProperties", object("type", List.of("string", "number", "boolean")));
            }
            case COUNTS -> schema.put("oneOf", List.of(object("type", "integer"),
                    object("type", "array", "items", object("type", "integer"))));
            case VALUES -> {
            }
        }
        return schema;
    }

    /** A JSON object whose keys keep the order given: key, value, key, value... */
    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    private static String sentence(String text) {
        String capital = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return capital.endsWith(".") ? capital : capital + ".";
    }

    private static String template() {
        try (InputStream in = JobSchema.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
