package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.job.SourcePosition;
import io.jobrun.run.AttemptRecord;
import io.jobrun.run.InstanceId;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A fold's times: the least, the median and the greatest of its items' run times, found without sorting them. */
class FoldedTests {
    @Test
    void selectPutsTheValueASortWouldPutAtTheIndexWithSmallerBeforeAndLargerAfter() {
        Random random = new Random(12);
        for (int round = 0; round < 400; round++) {
            int count = 1 + random.nextInt(round < 200 ? 20 : 5_000);
            long[] values = new long[count + 3];
            int spread = switch (round % 4) {
                case 0 -> 1; // every value the same
                case 1 -> 3; // many equal values
                default -> Integer.MAX_VALUE;
            };
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(spread);
            }
            if (round % 5 == 0) {
                Arrays.sort(values, 0, count);
            } else if (round % 5 == 1) {
                Arrays.sort(values, 0, count);
                for (int i = 0; i < count / 2; i++) {
                    long swapped = values[i];
                    values[i] = values[count - 1 - i];
                    values[count - 1 - i] = swapped;
                }
            }
            long[] sorted = Arrays.copyOf(values, count);
            Arrays.sort(sorted);
            long[] beyond = Arrays.copyOfRange(values, count, values.length);
            int k = random.nextInt(count);
            Folded.select(values, count, k);
            assertEquals(sorted[k], values[k], "round " + round);
            for (int i = 0; i < count; i++) {
                assertTrue(i < k ? values[i] <= values[k] : values[i] >= values[k], "round " + round + " at " + i);
            }
            long[] after = Arrays.copyOf(values, count);
            Arrays.sort(after);
            assertTrue(Arrays.equals(sorted, after), "the same values, moved");
            assertTrue(Arrays.equals(beyond, Arrays.copyOfRange(values, count, values.length)), "nothing past count");
        }
    }

    @Test
    void aFoldGivesTheLeastMedianAndGreatestRunTimeOfItsItems() {
        long[] millis = {7, 3, 9, 3, 12, 5, 1, 8};
        SourcePosition at = new SourcePosition("x.groovy", 1, 1);
        TaskInstance first = new TaskInstance(new InstanceId("each", 1_000), "each[1000]", null, "io", null, at);
        Folded fold = new Folded(first, "each", TaskStatus.OK);
        for (int i = 0; i < millis.length; i++) {
            TaskInstance item = new TaskInstance(new InstanceId("each", 1_000 + i), "each", null, "io", i, at);
            long nanos = millis[i] * 1_000_000;
            fold.add(new TaskOutcome(item, TaskStatus.OK, i, null, List.of(new AttemptRecord(1, "io", "io_1", 0, 10,
                    10 + nanos, TaskStatus.OK, null))), 0);
        }
        assertEquals(1_000_000, fold.minRunNanos());
        assertEquals(7_000_000, fold.medianRunNanos(), "the 5th of 1 3 3 5 7 8 9 12");
        assertEquals(12_000_000, fold.maxRunNanos());
        assertEquals(48_000_000, fold.totalRunNanos());
    }
}
