package io.jobrun.resume;

import io.jobrun.json.Json;
import io.jobrun.json.JsonWriter;
import io.jobrun.journal.StoredValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of a key being built, in order: each a name ("command", "result of 'fetch'") and a value in its stored,
 * canonical JSON form. Each part goes into the key's digest length-prefixed, so no two lists of parts give the same
 * bytes; and each keeps a short digest of its own, which the journal records so that {@code --explain} can name the
 * part that changed.
 */
final class KeyParts {
    /** How many hex characters of a part's digest the journal keeps: enough to tell a change, short on disk. */
    private static final int PART_DIGEST = 16;

    private final MessageDigest digest;
    private final Map<String, String> parts;
    /** Why the key cannot be made, or null. */
    private String notReusable;

    KeyParts(MessageDigest digest, Map<String, String> parts) {
        this.digest = digest;
        this.parts = parts;
    }

    /** Adds a part named {@code name}; a value with no canonical form makes the key unmakeable, naming the part. */
    KeyParts add(String name, Object value) {
        if (notReusable != null) {
            return this;
        }
        String text;
        try {
            text = Json.canonical(StoredValues.encode(value));
        } catch (StoredValues.NotStorable e) {
            notReusable = name + " cannot be encoded (" + e.getMessage() + ")";
            return this;
        }
        addText(name, text);
        parts.put(name, io.jobrun.journal.Digests.sha256(name + "\n" + text).substring(0, PART_DIGEST));
        return this;
    }

    /** Adds a value to the key that has no part of its own in {@code --explain} (a fan-out item). */
    KeyParts addUnnamed(String name, Object value) {
        if (notReusable != null) {
            return this;
        }
        try {
            addText(name, canonical(value));
        } catch (StoredValues.NotStorable e) {
            notReusable = name + " cannot be encoded (" + e.getMessage() + ")";
        }
        return this;
    }

    /**
     * {@code value}'s canonical JSON; the commonest fan-out items, a number or a text, straight, as they are their
     * own stored form: a 100,000-item fan-out keys each item on the interpreter's thread before it launches.
     */
    private static String canonical(Object value) throws StoredValues.NotStorable {
        return switch (value) {
            case Integer number -> number.toString();
            case String text -> JsonWriter.quote(text);
            case null, default -> Json.canonical(StoredValues.encode(value));
        };
    }

    /** Makes the key unmakeable, for {@code why}; the first reason stays. */
    KeyParts notReusable(String why) {
        if (notReusable == null) {
            notReusable = why;
        }
        return this;
    }

    private void addText(String name, String text) {
        update(name);
        update(text);
    }

    private void update(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // NOTE: "12:" written digit by digit: no String made for the prefix of every part of every key.
        int length = bytes.length;
        int digits = 1;
        for (int rest = length / 10; rest > 0; rest /= 10) {
            digits++;
        }
        byte[] prefix = new byte[digits + 1];
        prefix[digits] = ':';
        for (int i = digits - 1, rest = length; i >= 0; i--, rest /= 10) {
            prefix[i] = (byte) ('0' + rest % 10);
        }
        digest.update(prefix);
        digest.update(bytes);
    }

    String notReusableReason() {
        return notReusable;
    }

    MessageDigest digest() {
        return digest;
    }

    Map<String, String> parts() {
        return parts;
    }

    /** A copy to go on from, for one instance of a spec whose shared parts this holds. */
    KeyParts fork() {
        try {
            return new KeyParts((MessageDigest) digest.clone(), parts).notReusableIfSo(notReusable);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    /** A copy whose own parts are added to a copy of the shared ones. */
    KeyParts forkWithOwnParts() {
        KeyParts fork = fork();
        return new KeyParts(fork.digest, new LinkedHashMap<>(parts)).notReusableIfSo(notReusable);
    }

    private KeyParts notReusableIfSo(String why) {
        notReusable = why;
        return this;
    }
}
