package io.jobrun.report;

/**
 * Numbers of which the one in the middle is wanted at the end (a fold's median run time), kept as they come with a
 * count of how many fall in each of a thousand ranges, so that the end looks among the few in the range that holds
 * the middle one rather than among all of them.
 *
 * <p>Why: at the end of a 100,000-item run the JSON, JUnit and trace files all wait for their folds' medians; a
 * selection among all the run times, and the copy it works on, was a millisecond and a half of that wait.
 */
final class Middle {
    /** Each power of two is cut into this many ranges: 16, by the four bits after a number's highest one. */
    private static final int SUB_BITS = 4;
    private static final int RANGES = 64 << SUB_BITS;

    private final LongBlocks values = new LongBlocks();
    private final int[] counts = new int[RANGES];

    /** Adds a number, 0 or more (a negative one counts as 0). */
    void add(long value) {
        long kept = Math.max(0, value);
        values.add(kept);
        counts[range(kept)]++;
    }

    int size() {
        return values.size();
    }

    /**
     * The number a sort would put at index {@code size() / 2}: the upper one of the middle two when there is an even
     * number of them, as the summary's table takes it.
     */
    long middle() {
        int size = values.size();
        if (size == 0) {
            throw new IllegalStateException("no numbers");
        }
        int rank = size / 2;
        int range = 0;
        while (rank >= counts[range]) {
            rank -= counts[range++];
        }
        long[] candidates = new long[counts[range]];
        long least = least(range);
        long next = least(range + 1);
        long greatest = next == Long.MAX_VALUE ? Long.MAX_VALUE : next - 1;
        // NOTE: one unsigned comparison, not two: about half the numbers are below the range, in no order, and a
        // branch on that was mispredicted so often that the look cost ten times what it does this way
        long span = greatest - least;
        int found = 0;
        for (int b = 0; b < values.blocks(); b++) {
            long[] block = values.block(b);
            int count = values.sizeOf(b);
            for (int i = 0; i < count; i++) {
                long value = block[i];
                if (Long.compareUnsigned(value - least, span) <= 0) {
                    candidates[found++] = value;
                }
            }
        }
        Folded.select(candidates, found, rank);
        return candidates[rank];
    }

    /**
     * The least number in {@code range} or, for a range no number falls in (the ranges below the first power of two
     * that the small numbers skip), in the first range after it; {@link Long#MAX_VALUE} past the last.
     */
    private static long least(int range) {
        int highest = range >>> SUB_BITS;
        if (highest > 62) {
            return Long.MAX_VALUE;
        }
        long sub = range & ((1 << SUB_BITS) - 1);
        if (highest < SUB_BITS) {
            // NOTE: a number below 1 << SUB_BITS is a range of its own, its index's low bits
            return Math.max(sub, highest == 0 ? 0 : 1L << highest);
        }
        return (1L << highest) | (sub << (highest - SUB_BITS));
    }

    /**
     * The range of {@code value}: ranges grow with the values they hold, and each power of two is cut into
     * {@code 1 << SUB_BITS} of them; a number below {@code 1 << SUB_BITS} is a range of its own.
     */
    private static int range(long value) {
        int highest = 63 - Long.numberOfLeadingZeros(value | 1);
        int shift = Math.max(0, highest - SUB_BITS);
        return (highest << SUB_BITS) + (int) ((value >>> shift) & ((1 << SUB_BITS) - 1));
    }
}
