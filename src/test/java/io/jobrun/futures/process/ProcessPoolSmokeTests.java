package io.jobrun.futures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jobrun.futures.MapOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProcessPoolSmokeTests {
    @Test
    void submittedTaskReturnsItsResult() {
        long t0 = System.nanoTime();
        try (var pool = new ProcessPoolExecutor(2)) {
            assertEquals(42, pool.submit(() -> 6 * 7).result());
            System.err.println("first result ms " + (System.nanoTime() - t0) / 1e6);
            List<Integer> out = new ArrayList<>();
            pool.map((Integer x) -> x * 2, IntStream.range(0, 10).boxed().toList(), MapOptions.defaults().chunksize(3))
                    .forEachRemaining(out::add);
            assertEquals(IntStream.range(0, 10).map(x -> x * 2).boxed().toList(), out);
        }
        System.err.println("total ms " + (System.nanoTime() - t0) / 1e6);
    }
}
