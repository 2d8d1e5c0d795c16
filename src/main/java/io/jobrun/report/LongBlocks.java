package io.jobrun.report;

import java.util.Arrays;

/**
 * A list of longs that grows by blocks of a fixed size, never by copying: an array doubled as 100,000 values come in
 * copies them twice over, and past half a heap region each copy is a "humongous" allocation that the collector
 * handles slowly; at 100,000 tasks that cost the timeline more than all the rest of its work as tasks finish.
 */
final class LongBlocks {
    private static final int SHIFT = 12;
    private static final int BLOCK = 1 << SHIFT;

    private long[][] blocks = new long[4][];
    private int size;

    void add(long value) {
        int block = size >>> SHIFT;
        if (block == blocks.length) {
            blocks = Arrays.copyOf(blocks, block * 2);
        }
        if (blocks[block] == null) {
            blocks[block] = new long[BLOCK];
        }
        blocks[block][size & (BLOCK - 1)] = value;
        size++;
    }

    long get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        return blocks[index >>> SHIFT][index & (BLOCK - 1)];
    }

    int size() {
        return size;
    }

    /** The values in one array. */
    long[] toArray() {
        long[] values = new long[size];
        for (int block = 0; block << SHIFT < size; block++) {
            System.arraycopy(blocks[block], 0, values, block << SHIFT, Math.min(BLOCK, size - (block << SHIFT)));
        }
        return values;
    }
}
