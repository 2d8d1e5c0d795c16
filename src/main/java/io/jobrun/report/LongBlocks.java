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

    int size() {
        return size;
    }

    /** How many blocks hold its values. */
    int blocks() {
        return (size + BLOCK - 1) >>> SHIFT;
    }

    /**
     * The values of block {@code index}, the first {@link #sizeOf} of it: a loop over all values block by block
     * reads each with no look-up and no bounds check of its own.
     */
    long[] block(int index) {
        return blocks[index];
    }

    /** How many values block {@code index} holds: all of it but the last. */
    int sizeOf(int index) {
        return Math.min(BLOCK, size - (index << SHIFT));
    }
}
