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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), SubreaperProbe.class.getName()).redirectErrorStream(true)
                .start();
        String output = new String(probe.getInputStream().readAllBytes());
        probe.waitFor(60, TimeUnit.SECONDS);
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
}
