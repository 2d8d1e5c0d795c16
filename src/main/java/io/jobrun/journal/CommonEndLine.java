package io.jobrun.journal;

import io.jobrun.run.InstanceId;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code end} line of the commonest outcomes, made straight as bytes: an instance that ended {@code ok} (or
 * {@code cached}) with a key, whose names (and reason, if any) are plain text and whose result is a number, a short
 * plain text, a boolean, null or a short list of them. The bytes are those the JSON path makes
 * ({@link EventLines#endLine}), fixed parts copied from constants: 100,000 of these lines are most of a large
 * fan-out's journal, and this is all the code the JIT compiles for them. Anything else it gives back to the JSON
 * path, having written nothing.
 */
final class CommonEndLine {
    /** The longest text result written here; longer ones are rare, and take the JSON path. */
    private static final int TEXT_AT_MOST = 256;
    /** The most elements of a list result written here. */
    private static final int LIST_AT_MOST = 16;
    private static final byte[] ID = ascii("{\"ev\":\"end\",\"id\":\"");
    private static final byte[] TASK = ascii("\",\"task\":\"");
    private static final byte[] T = ascii("\",\"t\":");
    private static final byte[] STATUS = ascii(",\"status\":\"");
    private static final byte[] ATTEMPTS = ascii("\",\"attempts\":");
    private static final byte[] MS = ascii(",\"ms\":");
    private static final byte[] KEY = ascii(",\"key\":\"");
    private static final byte[] PARTS = ascii("\",\"parts\":");
    private static final byte[] WHY = ascii(",\"why\":\"");
    private static final byte[] RESULT = ascii(",\"result\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    /**
     * Writes the end line of {@code outcome}, which succeeded, with {@code key} (which has a hash), the number of its
     * parts' line and why it ran or was reused (or null); false, having written nothing, when the line is not of the
     * common kind.
     */
    boolean write(LineBuffer out, TaskOutcome outcome, long t, InstanceKey key, int parts, String reason) {
        int start = out.size();
        if (line(out, outcome, t, key, parts, reason)) {
            return true;
        }
        out.truncate(start);
        return false;
    }

    private static boolean line(LineBuffer out, TaskOutcome outcome, long t, InstanceKey key, int parts,
                                String reason) {
        TaskInstance task = outcome.task();
        InstanceId id = task.id();
        if (!out.ascii(ID).plain(id.spec())) {
            return false;
        }
        if (id.item() != InstanceId.SINGLE) {
            out.ascii('#').number(id.item());
        }
        if (!out.ascii(TASK).plain(task.name()) || !out.ascii(T).number(t).ascii(STATUS)
                .plain(outcome.status().word())) {
            return false;
        }
        out.ascii(ATTEMPTS).number(outcome.attempts()).ascii(MS).number(outcome.runNanos() / 1_000_000).ascii(KEY);
        for (int i = 0; i < InstanceKey.HEX_DIGITS / 2; i++) {
            out.hex(key.hexByte(i));
        }
        out.ascii(PARTS).number(parts);
        if (reason != null) {
            if (!out.ascii(WHY).plain(reason)) {
                return false;
            }
            out.ascii('"');
        }
        if (!value(out.ascii(RESULT), outcome.result(), true)) {
            return false;
        }
        out.ascii('}');
        return true;
    }

    /** A result whose stored form is itself, as JSON; false when it is of another kind (having written part of it). */
    private static boolean value(LineBuffer out, Object value, boolean listed) {
        if (value == null) {
            out.ascii(NULL);
        } else if (value instanceof Integer number) {
            out.number(number);
        } else if (value instanceof String text) {
            if (text.length() > TEXT_AT_MOST) {
                return false;
            }
            out.ascii('"');
            if (!out.plain(text)) {
                return false;
            }
            out.ascii('"');
        } else if (value instanceof Boolean flag) {
            out.ascii(flag ? TRUE : FALSE);
        } else if (listed && value instanceof List<?> list && list.size() <= LIST_AT_MOST) {
            out.ascii('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.ascii(',');
                }
                if (!value(out, list.get(i), false)) {
                    return false;
                }
            }
            out.ascii(']');
        } else {
            return false;
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
