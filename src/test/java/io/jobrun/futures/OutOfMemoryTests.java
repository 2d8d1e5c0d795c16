package io.jobrun.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Time limits survive a real OutOfMemoryError: {@link OutOfMemoryProbe} in a JVM with a 32 MB heap. */
class OutOfMemoryTests {
    private static final long EXIT_GUARD_SECONDS = 90;

    @Test
    void aTimeLimitDueWhileTheHeapIsExhaustedFiresOnceMemoryIsBackAndLaterLimitsFireToo() throws Exception {
        Path dir = Files.createTempDirectory("jobrun-oom-test");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "-Xmx32m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), OutOfMemoryProbe.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("output").toFile()).start();
        if (!probe.waitFor(EXIT_GUARD_SECONDS, TimeUnit.SECONDS)) {
            probe.destroyForcibly();
            fail("the probe did not end; its output:\n" + read(dir, "output"));
        }
        assertEquals("returned", read(dir, "hog"), "the heap was filled and released; output:\n" + read(dir, "output"));
        assertEquals(FutureTimeoutException.class.getName(), read(dir, "limited"));
        assertEquals(FutureTimeoutException.class.getName(), read(dir, "later"));
    }

    private static String read(Path dir, String name) {
        try {
            Path file = dir.resolve(name);
            return Files.exists(file) ? Files.readString(file) : "(no " + name + ")";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
