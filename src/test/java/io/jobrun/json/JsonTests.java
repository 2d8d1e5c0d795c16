package io.jobrun.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The project's one JSON writer and reader. */
class JsonTests {
    @Test
    void canonicalJsonIsTheSameWhateverTheMapsOrder() {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("b", 2);
        one.put("a", Map.of("y", 1, "x", 2));
        Map<String, Object> other = new TreeMap<>(one);
        assertEquals(Json.canonical(one), Json.canonical(other));
        assertEquals("{\"a\":{\"x\":2,\"y\":1},\"b\":2}", Json.canonical(one));
    }

    @Test
    void malformedJsonIsRejectedWithItsPlace() {
        assertEquals("not JSON at 1:7: expected ',' or '}'", assertThrows(Json.MalformedException.class,
                () -> Json.read("{\"a\":1")).getMessage());
        assertEquals("not JSON at 2:3: expected a value", assertThrows(Json.MalformedException.class,
                () -> Json.read("[1,\n  ]")).getMessage());
    }

    @Test
    void textIsEscapedSoThatItStaysOnOneLineAndIsValidUtf8() {
        String text = "a\"b\\c\nd\re\tf\bg\fh\u0001i\u007fj\u0085k\u2028l\u2029m\ud800n\ud83d\ude00o\u00e9";
        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u007fj\\u0085k\\u2028l\\u2029m\\ud800n\ud83d\ude00o\u00e9\"",
                JsonWriter.quote(text));
        assertEquals(text, Json.read(JsonWriter.quote(text)));
    }

    /** Every character that needs it is escaped wherever it stands in a text: first, last, alone, or in a run. */
    @Test
    void everyCharacterThatNeedsAnEscapeGetsOneWhereverItStands() {
        for (char c = 0; c < 0xffff; c++) {
            boolean escaped = c < 0x20 || c == '"' || c == '\\' || c >= 0x7f && c < 0xa0 || c == 0x2028 || c == 0x2029
                    || Character.isSurrogate(c);
            String alone = String.valueOf(c);
            String quoted = JsonWriter.quote(alone);
            String expected = !escaped ? "\"" + c + "\""
                    : switch (c) {
                        case '"' -> "\"\\\"\"";
                        case '\\' -> "\"\\\\\"";
                        case '\n' -> "\"\\n\"";
                        case '\r' -> "\"\\r\"";
                        case '\t' -> "\"\\t\"";
                        case '\b' -> "\"\\b\"";
                        case '\f' -> "\"\\f\"";
                        default -> String.format("\"\\u%04x\"", (int) c);
                    };
            assertEquals(expected, quoted, "U+" + Integer.toHexString(c));
            String inner = expected.substring(1, expected.length() - 1);
            assertEquals("\"ab" + inner + "cd" + inner + inner + "\"", JsonWriter.quote("ab" + c + "cd" + c + c));
        }
        assertEquals("\"a\ud83d\ude00b\\ud83d\"", JsonWriter.quote("a\ud83d\ude00b\ud83d"),
                "a pair is kept, a lone high surrogate at the end is escaped");
        assertEquals("\"\\ude00\ud83d\ude00\"", JsonWriter.quote("\ude00\ud83d\ude00"),
                "a lone low surrogate at the start is escaped");
    }

    @Test
    void textJoinedToANumberIsOneEscapedText() {
        StringBuilder out = new StringBuilder();
        JsonWriter.compact(out).beginArray().value("analyze", '#', 3).value("a\"b\n", '#', -12).value("", '/', 0)
                .endArray();
        assertEquals("[\"analyze#3\",\"a\\\"b\\n#-12\",\"/0\"]", out.toString());
        assertEquals(List.of("analyze#3", "a\"b\n#-12", "/0"), Json.read(out.toString()));
    }

    @Test
    void textForHtmlCannotCloseAScriptElement() {
        StringBuilder out = new StringBuilder();
        JsonWriter.forHtml(out).value("</script><b>&amp;");
        assertEquals("\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026amp;\"", out.toString());
    }

    @Test
    void indentedJsonPutsEachMemberOnALineOfItsOwn() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", List.of(1, "x"));
        value.put("b", Map.of());
        value.put("c", List.of());
        assertEquals("{\n  \"a\": [\n    1,\n    \"x\"\n  ],\n  \"b\": {},\n  \"c\": []\n}", Json.indented(value));
    }

    @Test
    void writtenValuesReadBackAsTheSameKinds() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("int", 7);
        value.put("long", 1L << 40);
        value.put("big", BigInteger.ONE.shiftLeft(70));
        value.put("double", -2.5);
        value.put("flag", true);
        value.put("none", null);
        value.put("list", Arrays.asList(1, null, "two"));
        assertEquals(value, Json.read(Json.write(value)));
        assertEquals(new BigDecimal("2.50"), ((List<?>) Json.read("[2.50]", Json.Numbers.EXACT)).get(0));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
    }

    @Test
    void theReaderReadsFieldByFieldAndSkipsWhatItIsNotAskedFor() {
        String line = "x{\"id\":\"a#3\",\"skip\":{\"deep\":[1,{\"k\":\"v\"}],\"s\":\"\\\"\"},\"n\":-9007199254740993,"
                + "\"t\":true}y";
        JsonReader reader = new JsonReader(line, 1, line.length() - 1);
        reader.beginObject();
        StringBuilder seen = new StringBuilder();
        while (reader.hasNext()) {
            String name = reader.nextName();
            switch (name) {
                case "id" -> seen.append(reader.nextString());
                case "n" -> seen.append(reader.nextLong());
                case "t" -> seen.append(reader.nextBoolean());
                default -> reader.skipValue();
            }
            seen.append(' ');
        }
        reader.endObject();
        reader.finish();
        assertEquals("a#3  -9007199254740993 true ", seen.toString());
    }

    @Test
    void theReaderRefusesWhatAStrictConsumerRefuses() {
        for (String bad : List.of("{\"a\": 1,}", "[1,]", "[1 2]", "{\"a\": \"tab\there\"}", "{'a': 1}", "01",
                "{\"a\": 1}x", "{\"a\": 1, \"a\": 2}", "\"\\x\"", "NaN", "-", "1.", "[", "\"\\u12\"")) {
            assertThrows(Json.MalformedException.class, () -> Json.read(bad), bad);
        }
    }
}
