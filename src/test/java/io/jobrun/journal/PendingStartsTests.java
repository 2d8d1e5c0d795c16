package io.jobrun.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which starts a journal writes: those whose instance had not ended by the batch after theirs. */
class PendingStartsTests {
    private final PendingStarts starts = new PendingStarts();

    private List<Object> batchEnd(boolean last) {
        List<Object> written = new ArrayList<>();
        starts.batchEnd(last, written::add);
        return written;
    }

    @Test
    void aStartIsDueAtTheEndOfTheBatchAfterItsOwnUnlessItsEndCameFirst() {
        Object quick = new Object();
        Object slow = new Object();
        Object late = new Object();
        starts.add(quick, "start quick");
        starts.add(slow, "start slow");
        assertEquals(List.of(), batchEnd(false), "held through the batch it came in");
        starts.ended(quick);
        starts.add(late, "start late");
        assertTrue(starts.holding());
        assertEquals(List.of("start slow"), batchEnd(false), "the end of 'quick' came in the next batch");
        assertEquals(List.of("start late"), batchEnd(false));
        assertFalse(starts.holding());
        assertEquals(List.of(), batchEnd(false));
    }

    @Test
    void theLastBatchWritesEveryStartStillHeld() {
        starts.add("a", "start a");
        starts.add("b", "start b");
        starts.ended("a");
        assertEquals(List.of("start b"), batchEnd(true));
        assertFalse(starts.holding());
    }

    /**
     * An end is matched among the oldest starts held only: behind more than NEAR starts of instances still running,
     * a start is written (then its end: never a start without its end), and one among them is not.
     */
    @Test
    void anEndIsMatchedAmongTheOldestStartsHeldOnly() {
        List<Object> running = new ArrayList<>();
        Object first = new Object();
        starts.add(first, "start first");
        for (int i = 0; i < PendingStarts.NEAR; i++) {
            Object instance = new Object();
            running.add("start " + i);
            starts.add(instance, "start " + i);
        }
        Object far = new Object();
        starts.add(far, "start far");
        starts.ended(far);
        starts.ended(first);
        List<Object> expected = new ArrayList<>(running);
        expected.add("start far");
        assertEquals(expected, batchEnd(true));
    }

    /**
     * An instance that runs long keeps its start at the head while 100,000 quick ones start and end behind it, in
     * about the order they started (two workers): each end still looks at about one held entry, not at the gap the
     * ended ones left behind the long one, and no quick start is written.
     */
    @Test
    void anEndLooksAtAboutOneEntryWhateverRunsLongAheadOfIt() {
        Object slow = new Object();
        starts.add(slow, "start slow");
        Object[] quick = new Object[100_000];
        for (int i = 0; i < quick.length; i++) {
            quick[i] = new Object();
            starts.add(quick[i], "start " + i);
            if (i % 2 == 1) { // NOTE: two at a time, the second ending first now and then, as on two workers
                starts.ended(quick[i - (i % 4 == 1 ? 0 : 1)]);
                starts.ended(quick[i - (i % 4 == 1 ? 1 : 0)]);
            }
        }
        assertTrue(starts.looked() <= 3L * quick.length, starts.looked() + " entries looked at");
        assertEquals(List.of("start slow"), batchEnd(true));
    }
}
