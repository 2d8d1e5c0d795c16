package io.jobrun.journal;

import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * What a resume compares for one task instance: the digest of its key, and the digest of each part of it, so that
 * {@code --explain} can name the part that changed.
 *
 * @param sha256       the key's digest, or null when the instance cannot be reused; kept as bytes, which the journal
 *                     writes as hex straight into its line (no 64-character text made per instance); not to be
 *                     changed
 * @param parts        each part's own digest by its name ("command", "input jobs/data/a.txt", "result of 'fetch'"),
 *                     in key order; not to be changed once made
 * @param notReusable  why the instance cannot be reused ("result of 'fetch' not storable (java.net.Socket)",
 *                     "cache: false"), or null
 */
public record InstanceKey(byte[] sha256, Map<String, String> parts, String notReusable) {
    public InstanceKey {
        // NOTE: not copied: the instances of one spec share one map of parts, which is never changed once made.
        Objects.requireNonNull(parts, "parts");
        if ((sha256 == null) == (notReusable == null)) {
            throw new IllegalArgumentException("a key has a digest or a reason it has none, not both");
        }
    }

    public static InstanceKey of(byte[] sha256, Map<String, String> parts) {
        return new InstanceKey(Objects.requireNonNull(sha256, "sha256"), parts, null);
    }

    /** The key as the journal records it, lowercase hex; null when the instance cannot be reused. */
    public String digest() {
        return sha256 == null ? null : HexFormat.of().formatHex(sha256);
    }

    public static InstanceKey notReusable(String why, Map<String, String> parts) {
        return new InstanceKey(null, parts, Objects.requireNonNull(why, "why"));
    }
}
