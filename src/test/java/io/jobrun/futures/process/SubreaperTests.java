package io.jobrun.futures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A JVM that is a subreaper finds the orphans it adopted, tells them from its own children, kills and reaps them. */
class SubreaperTests {
    @Test
    @Timeout(120)
    void aSubreaperJvmFindsKillsAndReapsWhatItAdoptedAndLeavesItsOwnChildrenAlone() throws Exception {
        assumeTrue(Subreaper.missingInAWorker() == null, () -> "no subreaper here: " + Subreaper.missingInAWorker());
        String output = probe(SubreaperProbe.class);
        assertEquals(String.join("\n", List.of(
                "subreaper: true",
                "adopted the sleeper: true",
                "adopted the dead one: true",
                "took its own child for adopted: false",
                // the JDK reaps only what it started: without reapDead the dead orphan stays until the JVM ends
                "the dead one is still a zombie here: true",
                "the dead one after reapDead: gone",
                "survivors of killAndReap: []",
                "the sleeper after killAndReap: gone",
                "its own child after all this: running")) + "\n", output);
    }

    @Test
    @Timeout(120)
    void theFirstProcessStartsSetUpInTheBackgroundMakesTheJvmASubreaperWithoutStartingAProcess() throws Exception {
        assumeTrue(Subreaper.missingInAWorker() == null, () -> "no subreaper here: " + Subreaper.missingInAWorker());
        assertEquals(String.join("\n", List.of(
                "set-up threads: 1",
                "a subreaper: true",
                "processes started: 0")) + "\n", probe(BackgroundSetupProbe.class));
    }

    /** What the probe, run in a JVM of its own with native access, prints. */
    private static String probe(Class<?> probe) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), probe.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(60, TimeUnit.SECONDS);
        return output;
    }
}
