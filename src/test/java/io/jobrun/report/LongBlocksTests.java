package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Longs kept in blocks: each value where it was added, across block boundaries, and in one array on demand. */
class LongBlocksTests {
    @Test
    void everyValueIsWhereItWasAddedAcrossManyBlocks() {
        LongBlocks values = new LongBlocks();
        long[] expected = new long[100_003];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = i * 31L - 7;
            values.add(expected[i]);
            assertEquals(expected[i], values.get(i));
        }
        assertEquals(expected.length, values.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], values.get(i));
        }
        assertArrayEquals(expected, values.toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> values.get(expected.length));
    }

    @Test
    void noValuesMakeAnEmptyArray() {
        assertEquals(0, new LongBlocks().toArray().length);
    }
}
