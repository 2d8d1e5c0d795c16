package io.jobrun.journal;

import io.jobrun.run.InstanceId;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The commonest lines made straight as bytes: the {@code end} of an instance that ended {@code ok} (or {@code cached})
 * with a key, whose names (and reason, if any) are plain text and whose result is a number, a short plain text, a
 * boolean, null or a short list of them; and the {@code start} of an attempt with plain names. The bytes are those the
 * JSON path makes ({@link EventLines#endLine}, {@link EventLines#startLine}), fixed parts copied from constants:
 * 100,000 of these lines are most of a large fan-out's journal, and this is all the code the JIT compiles for them.
 * Anything else it gives back to the JSON path, having written nothing.
 */
final class CommonLines {
    /** The longest text result written here; longer ones are rare, and take the JSON path. */
    private static final int TEXT_AT_MOST = 256;
    /** The most elements of a list result written here. */
    private static final int LIST_AT_MOST = 16;
    /** The most bytes of a result written here. */
    private static final int RESULT_AT_MOST = 2 + LIST_AT_MOST * (TEXT_AT_MOST + 3);
    /** The most bytes of the rest of a line but its names and reason: fixed parts, numbers and the key. */
    private static final int FIXED = 256;
    private static final byte[] END = ascii("{\"ev\":\"end\",\"id\":\"");
    private static final byte[] START = ascii("{\"ev\":\"start\",\"id\":\"");
    private static final byte[] ATTEMPT = ascii(",\"attempt\":");
    private static final byte[] WORKER = ascii(",\"worker\":\"");
    private static final byte[] TASK = ascii(",\"task\":\"");
    private static final byte[] T = ascii(",\"t\":");
    private static final byte[] CACHED = ascii(",\"status\":\"cached\"");
    private static final byte[] ATTEMPTS = ascii(",\"attempts\":");
    private static final byte[] MS = ascii(",\"ms\":");
    private static final byte[] KEY = ascii(",\"key\":\"");
    private static final byte[] PARTS = ascii(",\"parts\":");
    private static final byte[] WHY = ascii(",\"why\":\"");
    private static final byte[] RESULT = ascii(",\"result\":");
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    /**
     * Writes the end line of {@code outcome}, which succeeded, with {@code key} (which has a hash), the number of its
     * parts' line (or {@link EventLines#PARTS_LEFT_OUT}) and why it ran or was reused (or null); false, having
     * written nothing, when the line is not of the common kind.
     */
    boolean end(LineBuffer out, TaskOutcome outcome, long t, InstanceKey key, int parts, String reason) {
        TaskInstance task = outcome.task();
        byte[] into = out.reserve(FIXED + task.id().spec().length() + task.name().length()
                + (reason == null ? 0 : reason.length()) + RESULT_AT_MOST);
        int at = idAndTask(into, out.size(), END, task);
        if (at < 0) {
            return false;
        }
        at = LineBuffer.number(into, LineBuffer.put(into, at, T), t);
        if (outcome.status() == TaskStatus.CACHED) {
            at = LineBuffer.put(into, at, CACHED);
        } else if (outcome.status() != TaskStatus.OK) {
            return false;
        }
        if (outcome.attempts() != 1) {
            at = LineBuffer.number(into, LineBuffer.put(into, at, ATTEMPTS), outcome.attempts());
        }
        at = LineBuffer.number(into, LineBuffer.put(into, at, MS), outcome.runNanos() / 1_000_000);
        at = LineBuffer.key(into, LineBuffer.put(into, at, KEY), key.h1(), key.h2());
        into[at++] = '"';
        if (parts != EventLines.PARTS_LEFT_OUT) {
            at = LineBuffer.number(into, LineBuffer.put(into, at, PARTS), parts);
        }
        if (reason != null) {
            at = LineBuffer.plain(into, LineBuffer.put(into, at, WHY), reason);
            if (at < 0) {
                return false;
            }
            into[at++] = '"';
        }
        at = value(into, LineBuffer.put(into, at, RESULT), outcome.result(), true);
        if (at < 0) {
            return false;
        }
        into[at++] = '}';
        out.commit(at);
        return true;
    }

    /**
     * Writes the start line of an attempt of {@code task}; false, having written nothing, when its names are not
     * plain text.
     */
    boolean start(LineBuffer out, TaskInstance task, long t, int attempt, String worker) {
        if (worker == null) {
            return false;
        }
        byte[] into = out.reserve(FIXED + task.id().spec().length() + task.name().length() + worker.length());
        int at = idAndTask(into, out.size(), START, task);
        if (at < 0) {
            return false;
        }
        at = LineBuffer.number(into, LineBuffer.put(into, at, T), t);
        at = LineBuffer.number(into, LineBuffer.put(into, at, ATTEMPT), attempt);
        at = LineBuffer.plain(into, LineBuffer.put(into, at, WORKER), worker);
        if (at < 0) {
            return false;
        }
        into[at++] = '"';
        into[at++] = '}';
        out.commit(at);
        return true;
    }

    /**
     * Puts {@code opening}, then the id and the name of {@code task} as {@code "id":"analyze#3","task":"analyze[c]"},
     * the name left out when it is the id's ({@link DefaultNames}); returns where they end, or -1 when they are not
     * plain text.
     */
    private static int idAndTask(byte[] into, int at, byte[] opening, TaskInstance task) {
        InstanceId id = task.id();
        at = LineBuffer.plain(into, LineBuffer.put(into, at, opening), id.spec());
        if (at < 0) {
            return -1;
        }
        if (id.item() != InstanceId.SINGLE) {
            into[at++] = '#';
            at = LineBuffer.number(into, at, id.item());
        }
        into[at++] = '"';
        if (DefaultNames.leftOut(task)) {
            return at;
        }
        at = LineBuffer.plain(into, LineBuffer.put(into, at, TASK), task.name());
        if (at < 0) {
            return -1;
        }
        into[at] = '"';
        return at + 1;
    }

    /**
     * Puts a result whose stored form is itself, as JSON; returns where it ends, or -1 when it is of another kind.
     */
    private static int value(byte[] into, int at, Object value, boolean listed) {
        if (value == null) {
            return LineBuffer.put(into, at, NULL);
        }
        if (value instanceof Integer number) {
            return LineBuffer.number(into, at, number);
        }
        if (value instanceof String text) {
            if (text.length() > TEXT_AT_MOST) {
                return -1;
            }
            into[at] = '"';
            at = LineBuffer.plain(into, at + 1, text);
            if (at < 0) {
                return -1;
            }
            into[at] = '"';
            return at + 1;
        }
        if (value instanceof Boolean flag) {
            return LineBuffer.put(into, at, flag ? TRUE : FALSE);
        }
        if (listed && value instanceof List<?> list && list.size() <= LIST_AT_MOST) {
            into[at++] = '[';
            for (int i = 0; i < list.size() && at >= 0; i++) {
                if (i > 0) {
                    into[at++] = ',';
                }
                at = value(into, at, list.get(i), false);
            }
            if (at >= 0) {
                into[at++] = ']';
            }
            return at;
        }
        return -1;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
