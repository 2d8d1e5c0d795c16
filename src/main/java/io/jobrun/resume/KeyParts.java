package io.jobrun.resume;

import io.jobrun.json.Json;
import io.jobrun.json.JsonWriter;
import io.jobrun.journal.InstanceKey;
import io.jobrun.journal.StoredValues;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of a key being built, in order: each a name ("command", "result of 'fetch'") and a value in its stored,
 * canonical JSON form. Each part goes into the key's hash ({@link Murmur3}) length-prefixed, so no two lists of parts
 * give the same bytes; and each keeps a short SHA-256 digest of its own, which the journal records so that
 * {@code --explain} can name the part that changed.
 */
final class KeyParts {
    /** How many hex characters of a part's digest the journal keeps: enough to tell a change, short on disk. */
    private static final int PART_DIGEST = 16;
    /** The longest text hashed character by character. */
    private static final int SHORT_TEXT = 64;

    private final Murmur3 hash;
    /** Where {@link #updateDigits} makes a number's digits. */
    private final byte[] digits = new byte[20];
    /** The parts' own digests by name; another map only when {@link #goOn} reuses these parts. */
    private Map<String, String> parts;
    /** Why the key cannot be made, or null. */
    private String notReusable;

    KeyParts(Map<String, String> parts) {
        this(new Murmur3(), parts);
    }

    private KeyParts(Murmur3 hash, Map<String, String> parts) {
        this.hash = hash;
        this.parts = parts;
    }

    /**
     * Makes {@code reused} (parts of another key, whatever they held before) a copy of these to go on from, as
     * {@link #fork}, with nothing made: the instances of a fan-out go on from their task's shared parts one after
     * another. Returns {@code reused}.
     */
    KeyParts goOn(KeyParts reused) {
        reused.hash.copyFrom(hash);
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
        // NOTE: made from the last into a reused array: a division by the constant 10 (a multiplication) per digit.
        int at = digits.length;
        do {
            digits[--at] = (byte) ('0' + number % 10);
            number /= 10;
        } while (number > 0);
        hash.update(digits, at, digits.length - at);
    }

    private void updateByte(char c) {
        hash.update(c);
    }

    private void update(String text) {
        if (plain(text)) {
            updateLength(text.length());
            updateChars(text);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        updateLength(bytes.length);
        hash.update(bytes, 0, bytes.length);
    }

    String notReusableReason() {
        return notReusable;
    }

    /** The key of every part added, or why there is none; the parts are done with then. */
    InstanceKey key() {
        if (notReusable != null) {
            return InstanceKey.notReusable(notReusable, parts);
        }
        hash.finish();
        return InstanceKey.of(hash.h1(), hash.h2(), parts);
    }

    Map<String, String> parts() {
        return parts;
    }

    /** A copy to go on from, for one instance of a spec whose shared parts this holds. */
    KeyParts fork() {
        return new KeyParts(hash.copy(), parts).notReusableIfSo(notReusable);
    }

    /** A copy whose own parts are added to a copy of the shared ones. */
    KeyParts forkWithOwnParts() {
        return new KeyParts(hash.copy(), new LinkedHashMap<>(parts)).notReusableIfSo(notReusable);
    }

    private KeyParts notReusableIfSo(String why) {
        notReusable = why;
        return this;
    }
}
