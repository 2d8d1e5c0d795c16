package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Longs kept in blocks: each value where it was added, across block boundaries, read back block by block. */
class LongBlocksTests {
    @Test
    void everyValueIsWhereItWasAddedAcrossManyBlocks() {
        LongBlocks values = new LongBlocks();
        long[] expected = new long[100_003];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = i * 31L - 7;
            values.add(expected[i]);
            if (i == 4095 || i == 4096 || i == 70_000) {
                assertArrayEquals(java.util.Arrays.copyOf(expected, i + 1), read(values));
            }
        }
        assertEquals(expected.length, values.size());
        assertArrayEquals(expected, read(values));
    }

    @Test
    void noValuesHaveNoBlocks() {
        assertEquals(0, new LongBlocks().blocks());
        assertEquals(0, read(new LongBlocks()).length);
    }

    /** The values as a loop over the blocks reads them. */
    private static long[] read(LongBlocks values) {
        long[] read = new long[values.size()];
        int at = 0;
        for (int b = 0; b < values.blocks(); b++) {
            int count = values.sizeOf(b);
            System.arraycopy(values.block(b), 0, read, at, count);
            at += count;
        }
        assertEquals(values.size(), at);
        return read;
    }
}
