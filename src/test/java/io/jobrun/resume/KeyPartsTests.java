package io.jobrun.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jobrun.journal.InstanceKey;
import io.jobrun.journal.StoredValues;
import io.jobrun.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a key's parts go into its hash: the bytes are the key format's, however they are fed. */
class KeyPartsTests {
    private static String digest(KeyParts parts) {
        InstanceKey key = parts.key();
        return Murmur3Tests.hex(key.h1(), key.h2());
    }

    private static KeyParts fresh() {
        return new KeyParts(new LinkedHashMap<>());
    }

    @Test
    void eachPartIsHashedAsItsLengthAColonAndItsUtf8Bytes() {
        String text = "\"ünïcode, more than nine bytes\"";
        int length = text.getBytes(StandardCharsets.UTF_8).length;
        String expected = Murmur3Tests.hex("4:item" + length + ":" + text + "4:item5:12345");
        assertEquals(expected, digest(fresh().addUnnamed("item", "ünïcode, more than nine bytes")
                .addUnnamed("item", 12345)));
        // mmh3.hash_bytes(b'6:format14:"jobrun-key/2"4:item1:7').hex()
        assertEquals("652e335027b3214151c5377d4389c216",
                digest(fresh().addUnnamed("format", "jobrun-key/2").addUnnamed("item", 7)));
    }

    @Test
    void aNumberOrTextItemIsHashedAsItsStoredCanonicalForm() throws StoredValues.NotStorable {
        for (Object item : List.of(0, -7, Integer.MIN_VALUE, Integer.MAX_VALUE, "", "a\"b\\c\n\u2028\ud800<&>",
                "plain", "x".repeat(70))) {
            String canonical = Json.canonical(StoredValues.encode(item));
            String byHand = Murmur3Tests.hex("1:x" + canonical.getBytes(StandardCharsets.UTF_8).length + ":"
                    + canonical);
            assertEquals(byHand, digest(fresh().addUnnamed("x", item)), String.valueOf(item));
        }
    }

    /**
     * A copy to go on from (a fork, or parts used before made a copy of the shared ones) holds every byte added before
     * it and nothing else, and the original is left as it was.
     */
    @Test
    void aCopyToGoOnFromHoldsEveryByteAddedBeforeIt() {
        String shared = "6:format14:\"jobrun-key/2\"";
        String longText = "x".repeat(100) + "\u00e9";
        String item = "4:item" + (longText.length() + 3) + ":\"" + longText + "\"";
        KeyParts spec = fresh().addUnnamed("format", "jobrun-key/2");
        KeyParts used = fresh().addUnnamed("before", "y".repeat(100)).addUnnamed("b", 1);
        assertEquals(Murmur3Tests.hex(shared + item), digest(spec.goOn(used).addUnnamed("item", longText)),
                "parts reused start again from the shared bytes");
        assertEquals(Murmur3Tests.hex(shared + "4:item1:7"), digest(spec.fork().addUnnamed("item", 7)));
        assertEquals(Murmur3Tests.hex(shared), digest(spec), "the copies took nothing from the original");
    }

    /** The key's parts keep their SHA-256 digests (16 hex digits), which journals of every format recorded. */
    @Test
    void eachNamedPartKeepsTheShortSha256OfItsNameAndText() {
        Map<String, String> parts = fresh().add("command", "echo hi").parts();
        assertEquals(Map.of("command", io.jobrun.journal.Digests.sha256("command\n\"echo hi\"").substring(0, 16)),
                parts);
    }
}
