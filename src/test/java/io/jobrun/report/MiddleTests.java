package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The number in the middle of many, found among those of its range: always the one a sort puts there. */
class MiddleTests {
    @Test
    void theMiddleIsTheNumberASortPutsAtTheMiddleIndex() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            int count = 1 + random.nextInt(round < 150 ? 30 : 20_000);
            long[] values = new long[count];
            for (int i = 0; i < count; i++) {
                values[i] = switch (round % 6) {
                    case 0 -> 42; // every number the same: one range holds them all
                    case 1 -> random.nextInt(4); // many equal, each below the ranges' first power of two
                    case 2 -> 5_000 + random.nextInt(200); // run times close together, in a few neighbouring ranges
                    case 3 -> random.nextLong() >>> random.nextInt(64); // every order of magnitude
                    case 4 -> (random.nextBoolean() ? 1_000 : 9_000_000_000L) + random.nextInt(3); // two clusters
                    default -> Long.MAX_VALUE - random.nextInt(10); // at the top of the range of a long
                };
            }
            Middle middle = new Middle();
            for (long value : values) {
                middle.add(value);
            }
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            assertEquals(sorted[count / 2], middle.middle(), "round " + round + ", " + count + " numbers");
            assertEquals(count, middle.size());
        }
    }

    @Test
    void aNegativeNumberCountsAsZero() {
        Middle middle = new Middle();
        for (long value : new long[] {-5, -1, 3}) {
            middle.add(value);
        }
        assertEquals(0, middle.middle());
    }

    @Test
    void noNumbersHaveNoMiddle() {
        assertThrows(IllegalStateException.class, () -> new Middle().middle());
    }
}
