package io.jobrun.journal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What a resume compares for one task instance: its key, a 128-bit hash, and the digest of each part of it, so that
 * {@code --explain} can name the part that changed.
 *
 * @param h1           the hash's first 64 bits (0 when the instance cannot be reused); kept as numbers, which the
 *                     journal writes as text straight into its line, with no text or array made per instance
 * @param h2           the hash's last 64 bits (0 when the instance cannot be reused)
 * @param parts        each part's own digest by its name ("command", "input jobs/data/a.txt", "result of 'fetch'"),
 *                     in key order; not to be changed once made
 * @param notReusable  why the instance cannot be reused ("result of 'fetch' not storable (java.net.Socket)",
 *                     "cache: false"), or null when it has a key
 */
public record InstanceKey(long h1, long h2, Map<String, String> parts, String notReusable) {
    /** How many characters a key is written with. */
    static final int CHARACTERS = 22;

    public InstanceKey {
        // NOTE: not copied: the instances of one spec share one map of parts, which is never changed once made.
        Objects.requireNonNull(parts, "parts");
    }

    public static InstanceKey of(long h1, long h2, Map<String, String> parts) {
        return new InstanceKey(h1, h2, parts, null);
    }

    public static InstanceKey notReusable(String why, Map<String, String> parts) {
        return new InstanceKey(0, 0, parts, Objects.requireNonNull(why, "why"));
    }

    /**
     * The key as the journal records it: the hash's 16 bytes in unpadded base64url, each half's bytes little-endian
     * and {@code h1} first (as MurmurHash3's reference writes its result); null when the instance cannot be reused.
     */
    public String digest() {
        if (notReusable != null) {
            return null;
        }
        // NOTE: by the journal's byte writer, so that this text and the bytes of a common end line cannot differ
        byte[] text = new byte[CHARACTERS];
        LineBuffer.key(text, 0, h1, h2);
        return new String(text, StandardCharsets.US_ASCII);
    }
}
