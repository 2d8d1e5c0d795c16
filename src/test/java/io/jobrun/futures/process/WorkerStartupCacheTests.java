package io.jobrun.futures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker JVMs' ahead-of-time cache: it is really built where the JDK supports one, and workers use it. */
class WorkerStartupCacheTests {
    @Test
    void startupCacheIsBuiltOnAJdkThatSupportsOneAndWorkersRunWithIt() {
        assumeTrue(Runtime.version().feature() >= 25 && Files.isExecutable(Path.of("/bin/sh")),
                "AOT caches of this kind need JDK 25 and /bin/sh");
        // A property of its own gives this test a cache of its own. The cache's key covers the worker classes' bytes,
        // so after any change to them this trains a new cache rather than finding the old one.
        ProcessPoolExecutor.Options options = ProcessPoolExecutor.options().maxWorkers(1)
                .systemProperties(Map.of("jobrun.test.cache", "worker-startup-cache-tests"));
        assertTrue(ProcessPoolExecutor.prepareStartupCache(options),
                "training the worker cache failed: is every class a worker loads in the worker jar?");
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(options)) {
            assertEquals(42, pool.submit(() -> 6 * 7).result());
        }
    }
}
