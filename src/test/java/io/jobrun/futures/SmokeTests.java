package io.jobrun.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmokeTests {
    @Test
    void submittedTaskReturnsItsResult() {
        try (var pool = new ThreadPoolExecutor(2)) {
            assertEquals(42, pool.submit(() -> 6 * 7).result());
        }
    }
}
