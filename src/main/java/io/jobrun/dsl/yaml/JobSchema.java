package io.jobrun.dsl.yaml;

import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorKinds;
import io.jobrun.job.OptionSpec;
import io.jobrun.job.OptionType;
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
 * and the parts the registries define (each executor kind with its options) generated from them, so that a kind
 * added to a registry is in the schema without anyone writing it there.
 */
public final class JobSchema {
    private static final String TEMPLATE = "job.schema.template.json";
    private static final String EXECUTOR = "\"@executor@\"";

    private JobSchema() {
    }

    /** The whole schema for {@code executorKinds}, as the file holds it. */
    public static String generate(ExecutorKinds executorKinds) {
        String template = template();
        int at = template.indexOf(EXECUTOR);
        int lineStart = template.lastIndexOf('\n', at) + 1;
        int indent = (int) template.substring(lineStart, at).chars().takeWhile(c -> c == ' ').count() / 2;
        String fragment = Json.write(executor(executorKinds)).replace("\n", "\n" + "  ".repeat(indent));
        return template.replace(EXECUTOR, fragment);
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
            case TEXT -> schema.put("type", "string");
            case FLAG -> schema.put("type", "boolean");
            case NAMES -> schema.put("oneOf", List.of(object("type", "string"),
                    object("type", "array", "items", object("type", "string"))));
            case TEXT_MAP -> {
                schema.put("type", "object");
                schema.put("additionalProperties", object("type", "string"));
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
