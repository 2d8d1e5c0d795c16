package io.jobrun.journal;

import java.util.Arrays;
import java.util.List;

/**
 * The attempt starts a journal holds back, in the order they came, so that a start whose instance ends soon is never
 * written: the end says all. A start is written with the second batch taken after it came (so within two batch
 * windows, 40 ms, well within the journal's promise of 50), or with the last one, unless its instance's end came by
 * then: a crash leaves the record of what was running, and 100,000 quick instances leave none of their starts.
 *
 * <p>An end is matched with its start by identity (the journal queues both with the same object) among the
 * {@link #NEAR} oldest starts still held: instances end in about the order they started, so the start is nearly
 * always the first one held (in a fan-out of 100,000 on two threads, the first or the second), found with no table
 * or hash. A start further back (behind more than {@code NEAR} long-running ones) is simply written, then its end:
 * never a start without its end for an instance that had ended when its batch was written. Guarded by its journal
 * file's lock.
 */
final class PendingStarts {
    /** How many of the oldest starts held an end is matched against. */
    static final int NEAR = 64;

    private Object[] instances = new Object[256];
    /** Each start's line, or null once its end came. */
    private Object[] entries = new Object[256];
    /** The first start held (those before it ended or were taken). */
    private int head;
    /** Where the starts that came since the last batch was taken begin. */
    private int older;
    private int size;

    boolean isEmpty() {
        return head == size;
    }

    void add(Object instance, Object entry) {
        if (size == entries.length) {
            instances = Arrays.copyOf(instances, 2 * size);
            entries = Arrays.copyOf(entries, 2 * size);
        }
        instances[size] = instance;
        entries[size++] = entry;
    }

    /** The instance ended: its start, when held among the oldest, is never written. */
    void ended(Object instance) {
        for (int i = head, seen = 0; i < size && seen < NEAR; i++) {
            if (entries[i] != null) {
                seen++;
                if (instances[i] == instance) {
                    entries[i] = null;
                    instances[i] = null;
                    break;
                }
            }
        }
        while (head < size && entries[head] == null) {
            head++;
        }
    }

    /**
     * A batch is taken: the starts held since before the previous batch was taken (all of them, when it is the
     * {@code last}) go into it, to be written after its lines.
     */
    void takeInto(List<Object> batch, boolean last) {
        int end = last ? size : older;
        for (int i = head; i < end; i++) {
            if (entries[i] != null) {
                batch.add(entries[i]);
            }
        }
        // NOTE: the starts that came since the previous batch stay, moved to the front; they are the older ones now.
        int kept = size - end;
        System.arraycopy(instances, end, instances, 0, kept);
        System.arraycopy(entries, end, entries, 0, kept);
        Arrays.fill(instances, kept, size, null);
        Arrays.fill(entries, kept, size, null);
        size = kept;
        older = kept;
        head = 0;
        while (head < size && entries[head] == null) {
            head++;
        }
    }
}
