package io.jobrun.testing;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a JSON value against a JSON Schema (draft-07), for the keywords the project's schemas use: {@code type},
 * {@code enum}, {@code const}, {@code properties}, {@code required}, {@code additionalProperties},
 * {@code minProperties}, {@code maxProperties}, {@code items}, {@code minItems}, {@code maxItems}, {@code minimum},
 * {@code maximum}, {@code minLength}, {@code maxLength}, {@code pattern}, {@code format: date-time}, {@code oneOf},
 * {@code anyOf}, {@code allOf} and {@code $ref} to a place in the same schema.
 *
 * <p>A schema that uses any other keyword is refused when the check is made, so a schema can not grow a rule this
 * check would silently ignore. Annotations ({@code title}, {@code description}, {@code $schema}, {@code $id},
 * {@code $comment}, {@code default}, {@code examples}, {@code definitions}) are read past.
 */
public final class SchemaCheck {
    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$schema", "$id", "$comment",
            "default", "examples", "definitions", "$defs");
    private static final Set<String> RULES = Set.of("type", "enum", "const", "properties", "required",
            "additionalProperties", "minProperties", "maxProperties", "items", "minItems", "maxItems", "minimum",
            "maximum", "minLength", "maxLength", "pattern", "format", "oneOf", "anyOf", "allOf", "$ref",
            "patternProperties");

    private final Json root;

    public SchemaCheck(Json schema) {
        this.root = schema;
        List<String> unknown = new ArrayList<>();
        keywords(schema, "#", unknown);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the schema uses keywords SchemaCheck does not check: " + unknown);
        }
    }

    public static SchemaCheck of(Path schemaFile) {
        return new SchemaCheck(Json.parse(schemaFile));
    }

    /** What is wrong with {@code document}, one line each ("$.tasks[3].status: ..."); empty when it is valid. */
    public List<String> problems(Json document) {
        List<String> problems = new ArrayList<>();
        check(root, document, "$", problems);
        return problems;
    }

    private void check(Json schema, Json value, String path, List<String> problems) {
        if (schema.isBoolean()) {
            if (!schema.asBoolean()) {
                problems.add(path + ": not allowed here");
            }
            return;
        }
        for (Map.Entry<String, Json> rule : schema.members().entrySet()) {
            Json arg = rule.getValue();
            switch (rule.getKey()) {
                case "$ref" -> check(resolve(arg.asText()), value, path, problems);
                case "type" -> {
                    List<Json> types = arg.isArray() ? arg.elements() : List.of(arg);
                    if (types.stream().noneMatch(type -> is(type.asText(), value))) {
                        problems.add(path + ": expected " + arg + ", found " + kind(value));
                    }
                }
                case "enum" -> {
                    if (!arg.elements().contains(value)) {
                        problems.add(path + ": " + value + " is not one of " + arg);
                    }
                }
                case "const" -> {
                    if (!arg.equals(value)) {
                        problems.add(path + ": expected " + arg + ", found " + value);
                    }
                }
                case "properties" -> {
                    for (Map.Entry<String, Json> property : arg.members().entrySet()) {
                        Json member = value.get(property.getKey());
                        if (member != null) {
                            check(property.getValue(), member, path + "." + property.getKey(), problems);
                        }
                    }
                }
                case "required" -> {
                    for (Json name : arg) {
                        if (value.isObject() && !value.has(name.asText())) {
                            problems.add(path + ": missing required member \"" + name.asText() + "\"");
                        }
                    }
                }
                case "patternProperties" -> {
                    for (Map.Entry<String, Json> member : value.members().entrySet()) {
                        for (Map.Entry<String, Json> pattern : arg.members().entrySet()) {
                            if (java.util.regex.Pattern.compile(pattern.getKey()).matcher(member.getKey()).find()) {
                                check(pattern.getValue(), member.getValue(), path + "." + member.getKey(), problems);
                            }
                        }
                    }
                }
                case "additionalProperties" -> {
                    Json declared = schema.get("properties");
                    Json patterns = schema.get("patternProperties");
                    for (Map.Entry<String, Json> member : value.members().entrySet()) {
                        boolean matched = patterns != null && patterns.members().keySet().stream().anyMatch(pattern ->
                                java.util.regex.Pattern.compile(pattern).matcher(member.getKey()).find());
                        if (!matched && (declared == null || !declared.has(member.getKey()))) {
                            if (arg.isBoolean() && !arg.asBoolean()) {
                                problems.add(path + ": unexpected member \"" + member.getKey() + "\"");
                            } else {
                                check(arg, member.getValue(), path + "." + member.getKey(), problems);
                            }
                        }
                    }
                }
                case "minProperties" -> atLeast(value.isObject(), value.size(), arg, path + " members", problems);
                case "maxProperties" -> atMost(value.isObject(), value.size(), arg, path + " members", problems);
                case "items" -> {
                    for (int i = 0; i < value.elements().size(); i++) {
                        check(arg, value.get(i), path + "[" + i + "]", problems);
                    }
                }
                case "minItems" -> atLeast(value.isArray(), value.size(), arg, path + " items", problems);
                case "maxItems" -> atMost(value.isArray(), value.size(), arg, path + " items", problems);
                case "minimum" -> {
                    if (value.isNumber() && new BigDecimal(value.asText()).compareTo(new BigDecimal(arg.asText())) < 0) {
                        problems.add(path + ": " + value + " is below the minimum " + arg);
                    }
                }
                case "maximum" -> {
                    if (value.isNumber() && new BigDecimal(value.asText()).compareTo(new BigDecimal(arg.asText())) > 0) {
                        problems.add(path + ": " + value + " is above the maximum " + arg);
                    }
                }
                case "minLength" -> atLeast(value.isTextual(), codePoints(value), arg, path + " length", problems);
                case "maxLength" -> atMost(value.isTextual(), codePoints(value), arg, path + " length", problems);
                case "pattern" -> {
                    if (value.isTextual() && !Pattern.compile(arg.asText()).matcher(value.asText()).find()) {
                        problems.add(path + ": \"" + value.asText() + "\" does not match " + arg.asText());
                    }
                }
                case "format" -> format(arg.asText(), value, path, problems);
                case "oneOf" -> {
                    int matching = 0;
                    for (Json option : arg) {
                        matching += valid(option, value, path) ? 1 : 0;
                    }
                    if (matching != 1) {
                        problems.add(path + ": matches " + matching + " of the oneOf schemas, not exactly one");
                    }
                }
                case "anyOf" -> {
                    boolean any = false;
                    for (Json option : arg) {
                        any |= valid(option, value, path);
                    }
                    if (!any) {
                        problems.add(path + ": matches none of the anyOf schemas");
                    }
                }
                case "allOf" -> arg.forEach(part -> check(part, value, path, problems));
                default -> {
                    // an annotation: checked to be one in the constructor
                }
            }
        }
    }

    private boolean valid(Json schema, Json value, String path) {
        List<String> problems = new ArrayList<>();
        check(schema, value, path, problems);
        return problems.isEmpty();
    }

    private static boolean is(String type, Json value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegral();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("unknown type \"" + type + "\" in the schema");
        };
    }

    private static String kind(Json value) {
        for (String type : List.of("null", "boolean", "object", "array", "string", "integer", "number")) {
            if (is(type, value)) {
                return type + " " + Json.of(value).toString();
            }
        }
        return value.toString();
    }

    private static void format(String format, Json value, String path, List<String> problems) {
        if (!value.isTextual()) {
            return;
        }
        switch (format) {
            case "date-time" -> {
                try {
                    OffsetDateTime.parse(value.asText());
                } catch (DateTimeParseException e) {
                    problems.add(path + ": \"" + value.asText() + "\" is not an RFC 3339 date-time");
                }
            }
            default -> throw new IllegalArgumentException("unknown format \"" + format + "\" in the schema");
        }
    }

    private static int codePoints(Json value) {
        return value.asText().codePointCount(0, value.asText().length());
    }

    private static void atLeast(boolean applies, int size, Json limit, String what, List<String> problems) {
        if (applies && size < limit.asInt()) {
            problems.add(what + ": " + size + ", fewer than " + limit.asInt());
        }
    }

    private static void atMost(boolean applies, int size, Json limit, String what, List<String> problems) {
        if (applies && size > limit.asInt()) {
            problems.add(what + ": " + size + ", more than " + limit.asInt());
        }
    }

    /** "#/definitions/task": a JSON pointer into this schema. */
    private Json resolve(String ref) {
        if (!ref.startsWith("#")) {
            throw new IllegalArgumentException("only references inside the schema are checked: " + ref);
        }
        Json at = root;
        for (String part : ref.substring(1).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part.replace("~1", "/").replace("~0", "~");
            at = at.isArray() ? at.get(Integer.parseInt(name)) : at.get(name);
            if (at == null) {
                throw new IllegalArgumentException("the schema has nothing at " + ref);
            }
        }
        return at;
    }

    /** Collects keywords of {@code schema} and its subschemas that are neither rules nor annotations. */
    private static void keywords(Json schema, String path, List<String> unknown) {
        if (!schema.isObject()) {
            return;
        }
        for (Map.Entry<String, Json> entry : schema.members().entrySet()) {
            String keyword = entry.getKey();
            Json arg = entry.getValue();
            if (!RULES.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
                unknown.add(path + "/" + keyword);
            }
            switch (keyword) {
                case "properties", "patternProperties", "definitions", "$defs" -> arg.members().forEach((name, sub) ->
                        keywords(sub, path + "/" + keyword + "/" + name, unknown));
                case "items", "additionalProperties" -> keywords(arg, path + "/" + keyword, unknown);
                case "oneOf", "anyOf", "allOf" -> {
                    for (int i = 0; i < arg.size(); i++) {
                        keywords(arg.get(i), path + "/" + keyword + "/" + i, unknown);
                    }
                }
                default -> {
                }
            }
        }
    }
}
