package io.jobrun.journal;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The attempt starts a journal holds back, in the order they came, so that a start whose instance ends soon is never
 * written: the end says all. A start is written at the end of the first batch after its own that ends a window after
 * its own began (so within two windows, about 40 ms, within the journal's promise of 50), or of the last one, unless
 * its instance's end came by then: a crash leaves the record of what was running, and 100,000 quick instances leave
 * none of their starts. Why a window and not only the next batch: a fast run fills a batch in a few milliseconds, and
 * its starts, thousands of events ahead of their ends (the workers start instances while the interpreter hands out
 * the ends of earlier ones), would be written a batch later though their ends were about to come.
 *
 * <p>An end is matched with its start by identity (the journal queues both with the same object), looking first from
 * the oldest start held after the last one matched, then back from there, then among the oldest held, {@link #NEAR}
 * starts each way: instances end in about the order they started, so the start is nearly always the next one held
 * after the last match, found with no table or hash, however long an instance ahead of them runs. A start found
 * neither way is simply written, then its end: never a start without its end for an instance that had ended when its
 * batch was written. The journal's writer thread only.
 */
final class PendingStarts {
    /** How many starts held an end is matched against, each way it looks. */
    static final int NEAR = 64;
    /** How many entries, held or ended, one look passes at most. */
    static final int LOOK = 4 * NEAR;

    /** How long a start is held at least, in nanoseconds of the journal's clock. */
    private final long window;
    private Object[] instances = new Object[256];
    /** Each start's line, or null once its end came. */
    private Object[] entries = new Object[256];
    /** When each start's batch began: never later than the start came. In the order they came. */
    private long[] since = new long[256];
    /** The first start held (those before it ended or were taken). */
    private int head;
    /** Where the starts that came in the batch being made begin (those before came in an earlier one). */
    private int older;
    private int size;
    /**
     * The first start held after the last one matched: only moves on, past the ends matched, so that an instance that
     * runs long, and the gap its ended neighbours leave behind it, are passed once rather than at every end.
     */
    private int next;
    /** How many held entries the ends have looked at, for the tests that show an end costs about one. */
    private long looked;

    /** @param window how long a start is held at least, in nanoseconds of the journal's clock */
    PendingStarts(long window) {
        this.window = window;
    }

    long looked() {
        return looked;
    }

    /** Whether any start is held. */
    boolean holding() {
        return head < size;
    }

    /** When the oldest start held came, or earlier; only while {@link #holding()}. */
    long oldest() {
        return since[head];
    }

    /** A start that came in a batch that began at {@code batchBegan}. */
    void add(Object instance, Object entry, long batchBegan) {
        if (size == entries.length) {
            instances = Arrays.copyOf(instances, 2 * size);
            entries = Arrays.copyOf(entries, 2 * size);
            since = Arrays.copyOf(since, 2 * size);
        }
        instances[size] = instance;
        since[size] = batchBegan;
        entries[size++] = entry;
    }

    /** The instance ended: its start, when held near the last one matched or among the oldest, is never written. */
    void ended(Object instance) {
        next = Math.max(next, head);
        int at = look(instance, next, 1);
        if (at < 0) {
            at = look(instance, next - 1, -1);
        }
        if (at < 0) {
            at = look(instance, head, 1);
        }
        if (at >= 0) {
            entries[at] = null;
            instances[at] = null;
            next = Math.max(next, at + 1);
        }
        while (next < size && entries[next] == null) {
            next++;
        }
        while (head < size && entries[head] == null) {
            head++;
        }
    }

    /**
     * Where {@code instance}'s start is among the {@link #NEAR} held from {@code from} on, going by {@code step} (1:
     * on, -1: back towards the oldest), or -1. NOTE: a look is bounded in entries too, the gaps that ended starts leave
     * included: from the head, every end used to pass the gap behind an instance that ran long (at 100,000 quick
     * instances, 345 entries per end, a third of the writer's time). A start not found is only written.
     */
    private int look(Object instance, int from, int step) {
        for (int i = from, seen = 0, passed = 0; i >= head && i < size && seen < NEAR && passed < LOOK;
                i += step, passed++) {
            looked++;
            if (entries[i] != null) {
                seen++;
                if (instances[i] == instance) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * A batch was made, at {@code now}: the starts held since an earlier batch that began a window before (all of
     * them, after the {@code last} batch) are due, each given to {@code write} in the order they came.
     */
    void batchEnd(boolean last, long now, Consumer<Object> write) {
        int end = last ? size : older;
        int due = head;
        while (due < end && (last || now - since[due] >= window)) {
            if (entries[due] != null) {
                write.accept(entries[due]);
            }
            due++;
        }
        // NOTE: the starts still held stay, moved to the front in their order, without the gaps their ended
        // neighbours left: a fast run's batches would otherwise keep thousands of them.
        int kept = 0;
        for (int i = due; i < size; i++) {
            if (entries[i] != null) {
                instances[kept] = instances[i];
                since[kept] = since[i];
                entries[kept++] = entries[i];
            }
        }
        Arrays.fill(instances, kept, size, null);
        Arrays.fill(entries, kept, size, null);
        size = kept;
        older = kept;
        head = 0;
        next = 0;
    }
}
