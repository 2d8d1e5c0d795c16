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
    /** The most bytes {@link #goOn} hashes again; past that, it clones. */
    private static final int REHASHED_AT_MOST = 512;
    /** The longest text hashed character by character. */
    private static final int SHORT_TEXT = 64;

    private final MessageDigest digest;
    /** The parts' own digests by name; another map only when {@link #goOn} reuses these parts. */
    private Map<String, String> parts;
    /** Why the key cannot be made, or null. */
    private String notReusable;
    /** Every byte hashed so far, when asked for ({@link #recording}), until {@link #seal}; else null. */
    private java.io.ByteArrayOutputStream fed;
    /** What {@link #fed} held when sealed: the bytes to hash again to go on from here ({@link #goOn}). */
    private byte[] sealed;
    /**
     * Bytes hashed one at a time ({@link #updateByte}), handed to the digest in one update when full or before
     * anything else reads or feeds it ({@link #flush}): one byte at a time, a digest costs a call chain per byte.
     */
    private final byte[] small = new byte[32];
    private int smallCount;

    KeyParts(MessageDigest digest, Map<String, String> parts) {
        this.digest = digest;
        this.parts = parts;
    }

    /** Parts whose bytes are kept, so that a key can go on from them with a digest of its own ({@link #goOn}). */
    static KeyParts recording(MessageDigest digest, Map<String, String> parts) {
        KeyParts recording = new KeyParts(digest, parts);
        recording.fed = new java.io.ByteArrayOutputStream();
        return recording;
    }

    /** No part is added any more: the bytes hashed so far are kept for {@link #goOn}. Returns this. */
    KeyParts seal() {
        flush();
        if (fed != null) {
            sealed = fed.toByteArray();
            fed = null;
        }
        return this;
    }

    /**
     * A copy to go on from, as {@link #fork}, made by hashing this one's bytes again into {@code reused} (parts of
     * no recording, whatever they held before, whose digest is reset first): no digest is cloned, and nothing is made
     * per key when the parts added then are short, as a fan-out's number or text item is (100,000 keys of 80 bytes
     * of objects each were 8 MB more garbage per run). A part too long to hash again for each key is cloned instead,
     * as {@link #fork}.
     */
    KeyParts goOn(KeyParts reused) {
        if (sealed == null || sealed.length > REHASHED_AT_MOST) {
            return fork(); // NOTE: a long shared part (a file's helpers) costs more to hash again than to clone
        }
        reused.digest.reset();
        reused.digest.update(sealed);
        reused.smallCount = 0;
        reused.parts = parts;
        return reused.notReusableIfSo(notReusable);
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
            update(name);
            // NOTE: the commonest items are hashed without a String or an array made: 100,000 of them per fan-out.
            if (!updateShort(value)) {
                update(canonical(value));
            }
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

    /**
     * Hashes an Integer, or a short text of printable ASCII, as its canonical form, byte by byte; false, having
     * hashed nothing, for any other value.
     */
    private boolean updateShort(Object value) {
        if (value instanceof Integer number) {
            long rest = number;
            int length = rest < 0 ? 2 : 1;
            for (long tens = Math.abs(rest) / 10; tens > 0; tens /= 10) {
                length++;
            }
            updateLength(length);
            if (rest < 0) {
                updateByte('-');
            }
            updateDigits(Math.abs(rest));
            return true;
        }
        if (value instanceof String text && plain(text)) {
            updateLength(text.length() + 2);
            updateByte('"');
            updateChars(text);
            updateByte('"');
            return true;
        }
        return false;
    }

    /** Whether {@code text} is short printable ASCII, which is its own UTF-8 and, quoted, its own JSON. */
    private static boolean plain(String text) {
        if (text.length() > SHORT_TEXT) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private void updateChars(String plain) {
        for (int i = 0; i < plain.length(); i++) {
            updateByte(plain.charAt(i));
        }
    }

    /** "12:", the length prefix of a part's bytes. */
    private void updateLength(int length) {
        updateDigits(length);
        updateByte(':');
    }

    /** The decimal digits of {@code number} (0 or more), most significant first. */
    private void updateDigits(long number) {
        long power = 1;
        while (number / power >= 10) {
            power *= 10;
        }
        for (; power > 0; power /= 10) {
            updateByte((char) ('0' + number / power % 10));
        }
    }

    private void updateByte(char c) {
        if (smallCount == small.length) {
            flush();
        }
        small[smallCount++] = (byte) c;
    }

    /** Hands the bytes of {@link #updateByte} to the digest (and the record of what it was fed). */
    private void flush() {
        if (smallCount > 0) {
            digest.update(small, 0, smallCount);
            if (fed != null) {
                fed.write(small, 0, smallCount);
            }
            smallCount = 0;
        }
    }

    private void update(String text) {
        if (plain(text)) {
            updateLength(text.length());
            updateChars(text);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // NOTE: "12:" written digit by digit: no String made for the prefix of every part of every key.
        int length = bytes.length;
        int digits = 1;
        for (int rest = length / 10; rest > 0; rest /= 10) {
            digits++;
        }
        flush();
        byte[] prefix = new byte[digits + 1];
        prefix[digits] = ':';
        for (int i = digits - 1, rest = length; i >= 0; i--, rest /= 10) {
            prefix[i] = (byte) ('0' + rest % 10);
        }
        digest.update(prefix);
        digest.update(bytes);
        if (fed != null) {
            fed.writeBytes(prefix);
            fed.writeBytes(bytes);
        }
    }

    String notReusableReason() {
        return notReusable;
    }

    /** The key's digest, of every part added; the parts are done with then. */
    byte[] sha256() {
        flush();
        return digest.digest();
    }

    Map<String, String> parts() {
        return parts;
    }

    /** A copy to go on from, for one instance of a spec whose shared parts this holds. */
    KeyParts fork() {
        flush();
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
