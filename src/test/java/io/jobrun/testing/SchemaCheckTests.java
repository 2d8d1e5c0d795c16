package io.jobrun.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema check the report tests rely on finds each kind of problem, and the JSON reader refuses what is not JSON. */
class SchemaCheckTests {
    private static final SchemaCheck TASK = new SchemaCheck(Json.parse("""
            {
              "type": "object", "additionalProperties": false, "required": ["name", "status", "n"],
              "properties": {
                "schema": { "const": "v/1" },
                "name": { "type": "string", "minLength": 1, "pattern": "^[a-z]+$" },
                "status": { "$ref": "#/definitions/status" },
                "n": { "type": "integer", "minimum": 1 },
                "ms": { "type": ["number", "null"] },
                "at": { "type": "string", "format": "date-time" },
                "tags": { "type": "array", "items": { "type": "string" }, "maxItems": 2 },
                "params": { "type": "object", "additionalProperties": { "type": "string" } },
                "body": { "oneOf": [ { "type": "string" }, { "type": "object", "required": ["shell"] } ] }
              },
              "definitions": { "status": { "enum": ["ok", "failed"] } }
            }
            """));

    private static List<String> problems(String json) {
        return TASK.problems(Json.parse(json));
    }

    @Test
    void aValidDocumentHasNoProblems() {
        assertEquals(List.of(), problems("""
                {"schema": "v/1", "name": "build", "status": "ok", "n": 2.0, "ms": null, "at": "2024-05-01T10:00:00Z",
                 "tags": ["a"], "params": {"x": "1"}, "body": {"shell": "true"}}
                """));
    }

    @Test
    void eachBrokenRuleIsAProblemAtItsPath() {
        assertEquals(List.of("$: missing required member \"n\""), problems("{\"name\": \"a\", \"status\": \"ok\"}"));
        assertEquals(List.of("$: unexpected member \"extra\""),
                problems("{\"name\": \"a\", \"status\": \"ok\", \"n\": 1, \"extra\": 1}"));
        assertEquals(List.of("$.schema: expected \"v/1\", found \"v/2\""),
                problems("{\"schema\": \"v/2\", \"name\": \"a\", \"status\": \"ok\", \"n\": 1}"));
        assertEquals(List.of("$.status: \"lost\" is not one of [\"ok\",\"failed\"]"),
                problems("{\"name\": \"a\", \"status\": \"lost\", \"n\": 1}"));
        assertEquals(List.of("$.n: expected \"integer\", found number 1.5"),
                problems("{\"name\": \"a\", \"status\": \"ok\", \"n\": 1.5}"));
        assertEquals(List.of("$.n: 0 is below the minimum 1"),
                problems("{\"name\": \"a\", \"status\": \"ok\", \"n\": 0}"));
        assertEquals(List.of("$.name length: 0, fewer than 1", "$.name: \"\" does not match ^[a-z]+$"),
                problems("{\"name\": \"\", \"status\": \"ok\", \"n\": 1}"));
        assertEquals(List.of("$.ms: expected [\"number\",\"null\"], found string \"5\""),
                problems("{\"name\": \"a\", \"status\": \"ok\", \"n\": 1, \"ms\": \"5\"}"));
        assertEquals(List.of("$.at: \"yesterday\" is not an RFC 3339 date-time"),
                problems("{\"name\": \"a\", \"status\": \"ok\", \"n\": 1, \"at\": \"yesterday\"}"));
        assertEquals(List.of("$.tags[1]: expected \"string\", found integer 2", "$.tags items: 3, more than 2"),
                problems("{\"name\": \"a\", \"status\": \"ok\", \"n\": 1, \"tags\": [\"a\", 2, \"c\"]}"));
        assertEquals(List.of("$.params.x: expected \"string\", found integer 1"),
                problems("{\"name\": \"a\", \"status\": \"ok\", \"n\": 1, \"params\": {\"x\": 1}}"));
        assertEquals(List.of("$.body: matches 0 of the oneOf schemas, not exactly one"),
                problems("{\"name\": \"a\", \"status\": \"ok\", \"n\": 1, \"body\": {\"http\": \"x\"}}"));
    }

    @Test
    void aSchemaWithAKeywordTheCheckDoesNotKnowIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new SchemaCheck(
                Json.parse("{\"properties\": {\"a\": {\"type\": \"string\", \"contentEncoding\": \"base64\"}}}")));
        assertTrue(refused.getMessage().contains("#/properties/a/contentEncoding"), refused.getMessage());
    }

    @Test
    void theProjectsSchemasUseOnlyWhatTheCheckKnows() {
        SchemaCheck.of(Path.of("dsl/report.schema.json"));
        SchemaCheck.of(Path.of("dsl/job.schema.json"));
    }

    @Test
    void theReaderRefusesWhatIsNotJson() {
        for (String bad : List.of("{\"a\": 1,}", "[1 2]", "{\"a\": \"tab\there\"}", "{'a': 1}", "01", "{\"a\": 1}x",
                "{\"a\": 1, \"a\": 2}", "\"\\x\"", "NaN")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
        Json value = Json.parse(" {\"a\": [1, 2.5e1, -0.5, true, null, \"\\u00e9\\n\\\"\"]} ");
        assertEquals(25.0, value.get("a").get(1).asDouble());
        assertTrue(value.get("a").get(4).isNull());
        assertEquals("é\n\"", value.get("a").get(5).asText());
        assertEquals("{\"a\":[1,25,-0.5,true,null,\"é\\n\\\"\"]}", value.toString());
    }

    @Test
    void aMemberMatchingAPatternIsCheckedByItsSchemaAndIsNoneOfTheAdditionalOnes() {
        SchemaCheck open = new SchemaCheck(Json.parse("""
                {"type": "object", "additionalProperties": false, "properties": {"a": {"type": "integer"}},
                 "patternProperties": {"^x-": {"type": "string"}}}
                """));
        assertEquals(List.of(), open.problems(Json.parse("{\"a\": 1, \"x-note\": \"kept\"}")));
        assertEquals(List.of("$: unexpected member \"y-note\"", "$.x-note: expected \"string\", found integer 2"),
                open.problems(Json.parse("{\"x-note\": 2, \"y-note\": \"no\"}")));
    }
}
