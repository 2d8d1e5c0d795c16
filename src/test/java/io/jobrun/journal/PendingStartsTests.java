package io.jobrun.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which starts a journal writes: those whose instance had not ended a window after their batch began. */
class PendingStartsTests {
    /** The window, in the clock's units. */
    private static final long WINDOW = 100;

    private final PendingStarts starts = new PendingStarts(WINDOW);

    private List<Object> batchEnd(boolean last, long now) {
        List<Object> written = new ArrayList<>();
        starts.batchEnd(last, now, written::add);
        return written;
    }

    @Test
    void aStartIsDueAWindowAfterItsBatchBeganUnlessItsEndCameFirst() {
        Object quick = new Object();
        Object slow = new Object();
        Object late = new Object();
        starts.add(quick, "start quick", 0);
        starts.add(slow, "start slow", 0);
        assertEquals(List.of(), batchEnd(false, 150), "held through the batch it came in, however long");
        starts.ended(quick);
        starts.add(late, "start late", 160);
        assertTrue(starts.holding());
        assertEquals(0, starts.oldest());
        assertEquals(List.of("start slow"), batchEnd(false, 170), "the end of 'quick' came before");
        assertEquals(160, starts.oldest());
        assertEquals(List.of(), batchEnd(false, 200), "a batch after its own, within the window");
        assertEquals(List.of("start late"), batchEnd(false, 260));
        assertFalse(starts.holding());
        assertEquals(List.of(), batchEnd(false, 300));
    }

    /** A fast run ends many batches within a window: none of them makes a start due before the window has passed. */
    @Test
    void manyBatchesWithinAWindowMakeNoStartDue() {
        Object running = new Object();
        starts.add(running, "start running", 0);
        for (long now = 1; now < WINDOW; now += 7) {
            assertEquals(List.of(), batchEnd(false, now), "at " + now);
            starts.add(new Object(), "start " + now, now); // NOTE: its end never comes
        }
        assertEquals(List.of("start running"), batchEnd(false, WINDOW));
        assertEquals(List.of("start 1"), batchEnd(false, WINDOW + 1), "the next, a window after its batch began");
    }

    @Test
    void theLastBatchWritesEveryStartStillHeld() {
        starts.add("a", "start a", 0);
        starts.add("b", "start b", 0);
        starts.ended("a");
        assertEquals(List.of("start b"), batchEnd(true, 1));
        assertFalse(starts.holding());
    }

    /**
     * An end is matched among the starts held next to the last one matched, and among the oldest, only: behind more
     * than NEAR starts of instances still running, a start is written (then its end: never a start without its end);
     * the oldest is not.
     */
    @Test
    void anEndIsMatchedNearTheLastMatchAndAmongTheOldestStartsHeldOnly() {
        Object first = new Object();
        starts.add(first, "start first", 0);
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < PendingStarts.NEAR; i++) {
            starts.add(new Object(), "start older " + i, 0);
            expected.add("start older " + i);
        }
        Object middle = new Object();
        starts.add(middle, "start middle", 0);
        expected.add("start middle");
        for (int i = 0; i < PendingStarts.NEAR; i++) {
            starts.add(new Object(), "start newer " + i, 0);
            expected.add("start newer " + i);
        }
        starts.ended(middle);
        starts.ended(first);
        assertEquals(expected, batchEnd(true, 1));
    }

    /**
     * An instance that runs long keeps its start at the head while 100,000 quick ones start and end behind it, in
     * about the order they started (two workers), in batches as the journal's writer makes them: each end looks at
     * about one held entry, not at the gap the ended ones left behind the long one, and no quick start is written.
     */
    @Test
    void anEndLooksAtAboutOneEntryWhateverRunsLongAheadOfIt() {
        Object slow = new Object();
        starts.add(slow, "start slow", 0);
        Object[] quick = new Object[100_000];
        List<Object> written = new ArrayList<>();
        for (int i = 0; i < quick.length; i++) {
            quick[i] = new Object();
            starts.add(quick[i], "start " + i, i);
            if (i % 2 == 1) { // NOTE: two at a time, the second ending first now and then, as on two workers
                starts.ended(quick[i - (i % 4 == 1 ? 0 : 1)]);
                starts.ended(quick[i - (i % 4 == 1 ? 1 : 0)]);
            }
            if (i % 2_000 == 1_000) { // NOTE: a batch ends between a start and its end now and then
                starts.batchEnd(false, i, written::add);
            }
        }
        starts.batchEnd(true, quick.length, written::add);
        assertTrue(starts.looked() <= 3L * quick.length, starts.looked() + " entries looked at");
        assertEquals(List.of("start slow"), written);
    }

    /**
     * Starts come thousands ahead of their ends (the workers start instances while the interpreter hands out the
     * ends of earlier ones), and the ends in about the order of the starts, within the window: each end is matched,
     * however many batches end in between, and none is written.
     */
    @Test
    void startsFarAheadOfTheirEndsAreMatchedInTheirOrder() {
        PendingStarts wide = new PendingStarts(5_000);
        Object[] instances = new Object[20_000];
        List<Object> written = new ArrayList<>();
        for (int i = 0; i < instances.length + 3_000; i++) {
            if (i < instances.length) {
                instances[i] = new Object();
                wide.add(instances[i], "start " + i, i);
            }
            if (i >= 3_000) {
                wide.ended(instances[i - 3_000]);
            }
            if (i % 1_000 == 999) {
                wide.batchEnd(false, i, written::add);
            }
        }
        wide.batchEnd(true, instances.length + 3_000, written::add);
        assertEquals(List.of(), written);
        assertTrue(wide.looked() <= 3L * instances.length, wide.looked() + " entries looked at");
    }
}
