package io.jobrun.journal;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The attempt starts a journal holds back, in the order they came, so that a start whose instance ends soon is never
 * written: the end says all. A start is written at the end of the batch after the one it came in (so within two batch
 * windows, about 40 ms, within the journal's promise of 50), or of the last one, unless its instance's end came by
 * then: a crash leaves the record of what was running, and 100,000 quick instances leave none of their starts.
 *
 * <p>An end is matched with its start by identity (the journal queues both with the same object) among the
 * {@link #NEAR} starts held next to the one the last end matched, or else among the {@code NEAR} oldest: instances end
 * in about the order they started, so the start is nearly always the next one held after the last match (in a
 * fan-out of 100,000 on two threads, that or the one before it), found with no table or hash, however long an
 * instance ahead of them runs. A start found neither way is simply written, then its end: never a start without its
 * end for an instance that had ended when its batch was written. The journal's writer thread only.
 */
final class PendingStarts {
    /** How many starts held an end is matched against, near the last match and among the oldest. */
    static final int NEAR = 64;
    /** How many entries, held or ended, one look passes at most. */
    static final int LOOK = 4 * NEAR;

    private Object[] instances = new Object[256];
    /** Each start's line, or null once its end came. */
    private Object[] entries = new Object[256];
    /** The first start held (those before it ended or were taken). */
    private int head;
    /** Where the starts that came in the batch being made begin (those before came in an earlier one). */
    private int older;
    private int size;
    /** Just after the start the last end found: the next end's start is most often the next one held. */
    private int cursor;
    /** How many held entries the ends have looked at, for the tests that show an end costs about one. */
    private long looked;

    long looked() {
        return looked;
    }

    /** Whether any start is held. */
    boolean holding() {
        return head < size;
    }

    void add(Object instance, Object entry) {
        if (size == entries.length) {
            instances = Arrays.copyOf(instances, 2 * size);
            entries = Arrays.copyOf(entries, 2 * size);
        }
        instances[size] = instance;
        entries[size++] = entry;
    }

    /**
     * The instance ended: its start, when held near the start the last end found (after it, then before it) or among
     * the oldest held, is never written.
     */
    void ended(Object instance) {
        int at = look(instance, Math.max(cursor, head), 1);
        if (at < 0) {
            at = look(instance, Math.min(cursor, size) - 1, -1);
        }
        if (at < 0) {
            at = look(instance, head, 1);
        }
        if (at >= 0) {
            entries[at] = null;
            instances[at] = null;
            cursor = at + 1;
        }
        while (head < size && entries[head] == null) {
            head++;
        }
    }

    /**
     * Where {@code instance}'s start is among the {@link #NEAR} held from {@code from} on, going by {@code step} (1:
     * after it, -1: back towards the head), or -1. NOTE: near the last one found first: an instance that runs long
     * keeps its start at the head, behind it the others end and leave a gap, and from the head each end passed the
     * gap again (at 100,000 quick instances, 345 entries per end, a third of the writer's time). A look is bounded in
     * entries too, gaps included: a start not found is only written.
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
     * A batch was made: the starts held since an earlier batch (all of them, after the {@code last} batch) are due,
     * each given to {@code write} in the order they came.
     */
    void batchEnd(boolean last, Consumer<Object> write) {
        int end = last ? size : older;
        for (int i = head; i < end; i++) {
            if (entries[i] != null) {
                write.accept(entries[i]);
            }
        }
        // NOTE: the starts that came in this batch stay, moved to the front; they are the older ones now.
        int kept = size - end;
        System.arraycopy(instances, end, instances, 0, kept);
        System.arraycopy(entries, end, entries, 0, kept);
        Arrays.fill(instances, kept, size, null);
        Arrays.fill(entries, kept, size, null);
        size = kept;
        older = kept;
        head = 0;
        cursor = 0;
        while (head < size && entries[head] == null) {
            head++;
        }
    }
}
