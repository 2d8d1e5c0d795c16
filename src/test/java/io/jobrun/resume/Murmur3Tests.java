package io.jobrun.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jobrun.journal.InstanceKey;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The key's hash is MurmurHash3 x64 128 with seed 0, as the reference implementation computes it. */
class Murmur3Tests {
    /** 40 bytes, many of them 0x80 or more (a sign extended by mistake changes the hash). */
    private static final byte[] DATA = HexFormat.of().parseHex(
            "c8ed12375c81a6cbf0153a5f84a9cef3183d6287acd1f61b40658aafd4f91e43688db2d7fc21466b");
    /**
     * {@code mmh3.hash_bytes(DATA[:n]).hex()} for n from 0 to 33, from the {@code mmh3} Python package (5.x): every
     * length of a last, partial block, twice, and the first whole blocks.
     */
    private static final List<String> MMH3 = List.of(
            "00000000000000000000000000000000", "c351e54862d16ba4f6c1471e7ffa7605", "989ba6fe594830e31f11f6a7ca637c57",
            "4d995811c3c2921952b73dd9fcae3c14", "2cf9b00a56f0bf419a096702befe3598", "324647a1d38036181b96ac02300324f7",
            "a9e6ccf4f7dfa42715a7a171296b598e", "8d968485bf857bcf0be002270c292086", "d801d47131ad778c4bf19b9a66a2fb08",
            "549d2f82af48c0ef96d2ceeeb5eb0070", "c62d3fc33d4412edb0e7aeeb18cf595e", "8a6982a6d06d491b58be2d6711377b6d",
            "f87e24612c833611ddf33c6bfc504b27", "22d0c79d6d1430e607499d8d393ea12f", "e7346f1f7eae8a2028e699f2646f7065",
            "00184c5d84ca371212bf24df23c773a1", "fb2ab76963eb5d0185a576fcc7c90e38", "6e6452e0ff697f067284e261217fc577",
            "0bd5b4af42522ab584c9f61d6690798f", "e24d5bd03f149355e2a6f2d8a936da3f", "f27b065a5539d9abf2d14ab9537a242f",
            "2bc648da1f453ff53e5531b84b1a1f14", "553a9c1d959bdbd270b476d86cf46914", "a42a14984ed843620c08ad613c65592a",
            "ee30f6f81cd7738024f6b496388d8feb", "f9bbdd6ff2d268cb77f2b098176942fe", "91d65f9b6054e8d99092618a94f05fcc",
            "dd90ce989744d39d644e095c01e30114", "b003101d79b56947069ee95bc3563c90", "c6f82faf9bfa2106973179b4b4e8490f",
            "bd4d641914e970e71e9d49dc52d34eef", "7cdfe4c1eb4518b0c7228ff0cba2a955", "a60c9ea3126fcf5f3bd4d5655ac049a5",
            "64a7a36ec5e093ed638dc5f71cccd100");

    /** The hash of {@code hash} as the reference implementation prints it. */
    static String hex(Murmur3 hash) {
        hash.finish();
        return hex(hash.h1(), hash.h2());
    }

    /** A hash's 16 bytes in hex as the reference implementation prints them: each half little-endian, h1 first. */
    static String hex(long h1, long h2) {
        return HexFormat.of().formatHex(bytes(h1, h2));
    }

    /** A key as the journal writes it ({@link InstanceKey#digest()}), in the reference implementation's hex. */
    static String digestInHex(String digest) {
        return HexFormat.of().formatHex(Base64.getUrlDecoder().decode(digest));
    }

    private static byte[] bytes(long h1, long h2) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(h1).putLong(h2).array();
    }

    /** The hash of {@code text}'s UTF-8 bytes. */
    static String hex(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Murmur3 hash = new Murmur3();
        hash.update(bytes, 0, bytes.length);
        return hex(hash);
    }

    /** The journal writes a key's bytes in unpadded base64url, as the JDK's encoder does, whatever the bytes. */
    @Test
    void aKeysDigestIsItsBytesInBase64url() {
        for (int n = 0; n <= 33; n++) {
            Murmur3 hash = new Murmur3();
            hash.update(DATA, 0, n);
            hash.finish();
            String digest = InstanceKey.of(hash.h1(), hash.h2(), Map.of()).digest();
            assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(hash.h1(), hash.h2())), digest);
            assertEquals(MMH3.get(n), digestInHex(digest));
        }
        assertEquals("_____________________w", InstanceKey.of(-1, -1, Map.of()).digest());
    }

    @Test
    void theHashOfEveryLengthIsTheReferenceImplementations() {
        for (int n = 0; n < MMH3.size(); n++) {
            Murmur3 whole = new Murmur3();
            whole.update(DATA, 0, n);
            assertEquals(MMH3.get(n), hex(whole), "an array of " + n + " bytes");
            Murmur3 bytes = new Murmur3();
            for (int i = 0; i < n; i++) {
                bytes.update(DATA[i]);
            }
            assertEquals(MMH3.get(n), hex(bytes), n + " bytes one at a time");
        }
    }

    @Test
    void textsHashAsTheReferenceImplementationHashesTheirUtf8() {
        // mmh3.hash_bytes(...).hex() of the same bytes
        assertEquals("029bbd41b3a7d8cb191dae486a901e5b", hex("hello"));
        assertEquals("6c1b07bc7bbc4be347939ac4a93c437a", hex("The quick brown fox jumps over the lazy dog"));
        assertEquals("80c9da58d9d959ddb1f38106da4eb349", hex("ünïcode"));
    }

    @Test
    void bytesFedInAnyPiecesHashAsOneArray() {
        for (int first = 0; first < 33; first++) {
            for (int second = first; second < 33; second += 5) {
                Murmur3 pieces = new Murmur3();
                pieces.update(DATA, 0, first);
                pieces.update(DATA[first]);
                pieces.update(DATA, first + 1, second - first);
                pieces.update(DATA, second + 1, 33 - second - 1);
                assertEquals(MMH3.get(33), hex(pieces), "split at " + first + " and " + second);
            }
        }
    }

    @Test
    void aCopyGoesOnFromWhereItsOriginalWasAndLeavesItAlone() {
        Murmur3 original = new Murmur3();
        original.update(DATA, 0, 13);
        Murmur3 copy = new Murmur3();
        copy.update(DATA, 20, 20); // whatever it held before
        copy.copyFrom(original).update(DATA, 13, 20);
        assertEquals(MMH3.get(33), hex(copy));
        assertEquals(MMH3.get(13), hex(original));
    }

    @Test
    void aFinishedHashTakesNoMoreBytes() {
        Murmur3 hash = new Murmur3();
        hash.update(DATA, 0, 3);
        hash.finish();
        assertThrows(IllegalStateException.class, () -> hash.update(1));
        assertThrows(IllegalStateException.class, hash::finish);
    }
}
