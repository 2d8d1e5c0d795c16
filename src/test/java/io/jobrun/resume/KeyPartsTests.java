package io.jobrun.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jobrun.journal.Digests;
import io.jobrun.journal.StoredValues;
import io.jobrun.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a key's parts go into its digest: the bytes are the key format's, however they are made. */
class KeyPartsTests {
    private static String digest(KeyParts parts) {
        return HexFormat.of().formatHex(parts.sha256());
    }

    private static KeyParts fresh() {
        return new KeyParts(Digests.sha256(), new LinkedHashMap<>());
    }

    @Test
    void eachPartIsHashedAsItsLengthAColonAndItsUtf8Bytes() {
        String text = "\"ünïcode, more than nine bytes\"";
        int length = text.getBytes(StandardCharsets.UTF_8).length;
        String expected = Digests.sha256("4:item" + length + ":" + text + "4:item5:12345");
        assertEquals(expected, digest(fresh().addUnnamed("item", "ünïcode, more than nine bytes")
                .addUnnamed("item", 12345)));
    }

    @Test
    void aNumberOrTextItemIsHashedAsItsStoredCanonicalForm() throws StoredValues.NotStorable {
        for (Object item : List.of(0, -7, Integer.MIN_VALUE, Integer.MAX_VALUE, "", "a\"b\\c\n\u2028\ud800<&>",
                "plain")) {
            String canonical = Json.canonical(StoredValues.encode(item));
            String byHand = Digests.sha256("1:x" + canonical.getBytes(StandardCharsets.UTF_8).length + ":"
                    + canonical);
            assertEquals(byHand, digest(fresh().addUnnamed("x", item)), String.valueOf(item));
        }
    }

    /**
     * Short bytes are gathered before they reach the digest: a copy made to go on from (a fork, or the bytes hashed
     * again after a seal, into parts used before) holds every byte added before it and nothing else, and the bytes
     * of a long part come after them.
     */
    @Test
    void aCopyToGoOnFromHoldsEveryByteAddedBeforeIt() {
        String shared = "6:format14:\"jobrun-key/1\"";
        String longText = "x".repeat(100) + "\u00e9";
        String item = "4:item" + (longText.length() + 3) + ":\"" + longText + "\"";
        KeyParts recording = KeyParts.recording(Digests.sha256(), new LinkedHashMap<>())
                .addUnnamed("format", "jobrun-key/1").seal();
        KeyParts used = fresh().addUnnamed("before", "y".repeat(100)).addUnnamed("b", 1); // hashed and gathered
        assertEquals(Digests.sha256(shared + item), digest(recording.goOn(used).addUnnamed("item", longText)),
                "parts reused start again from the shared bytes");
        KeyParts open = fresh().addUnnamed("format", "jobrun-key/1");
        assertEquals(Digests.sha256(shared + "4:item1:7"), digest(open.fork().addUnnamed("item", 7)));
        assertEquals(Digests.sha256(shared), digest(open), "the copy took nothing from the original");
    }
}
