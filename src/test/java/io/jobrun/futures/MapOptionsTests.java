package io.jobrun.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** MapOptions: CPython's map() arguments, checked when they are built (conformance 52, 57a). */
class MapOptionsTests {
    @Test
    void defaultsAreNoTimeoutChunksizeOneAndEagerSubmission() {
        assertEquals(new MapOptions(null, 1, null), MapOptions.defaults());
    }

    @Test
    void chunksizeBelowOneIsRejectedForEveryExecutor() {
        // Deliberate: CPython's thread pool ignores chunksize and accepts -1; one rule for all pools reads better.
        assertEquals("chunksize must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().chunksize(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().chunksize(-1));
    }

    @Test
    void buffersizeBelowOneIsRejected() {
        assertEquals("buffersize must be null or > 0, got 0",
                assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().buffersize(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().buffersize(-1));
    }

    @Test
    void withersChangeOneField() {
        MapOptions options = MapOptions.defaults().timeout(Duration.ofSeconds(2)).chunksize(3).buffersize(4);
        assertEquals(new MapOptions(Duration.ofSeconds(2), 3, 4), options);
    }
}
