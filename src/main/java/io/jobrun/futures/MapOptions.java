package io.jobrun.futures;

import java.time.Duration;

/**
 * Options of {@link Executor#map}: start from {@link #defaults()} and chain, e.g.
 * {@code MapOptions.defaults().timeout(Duration.ofSeconds(5)).chunksize(100)}.
 *
 * @param timeout    deadline for the whole iteration, measured from the {@code map} call; null for none
 * @param chunksize  items sent to a worker process at once (threads ignore it); at least 1
 * @param buffersize results submitted ahead of the consumer, or null to submit every item at once
 */
public record MapOptions(Duration timeout, int chunksize, Integer buffersize) {
    public MapOptions {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be >= 1, got " + chunksize);
        }
        if (buffersize != null && buffersize < 1) {
            throw new IllegalArgumentException("buffersize must be null or > 0, got " + buffersize);
        }
    }

    private static final MapOptions DEFAULTS = new MapOptions(null, 1, null);

    /** No timeout, chunksize 1, every item submitted at once: CPython's defaults. */
    public static MapOptions defaults() {
        return DEFAULTS;
    }

    public MapOptions timeout(Duration newTimeout) {
        return new MapOptions(newTimeout, chunksize, buffersize);
    }

    public MapOptions chunksize(int newChunksize) {
        return new MapOptions(timeout, newChunksize, buffersize);
    }

    public MapOptions buffersize(Integer newBuffersize) {
        return new MapOptions(timeout, chunksize, newBuffersize);
    }
}
