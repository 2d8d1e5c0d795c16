package io.jobrun.dsl.groovy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InvokeShapes} leaves ready the bound-method-handle species in which Groovy's invokedynamic bootstrap binds a
 * call site's constants (the site, the sender, the name, the call's kind as an int, three flags and a receiver:
 * {@code Species_LLLLI...}): after it, linking the warm-up's call sites spins none of them. A Groovy whose bootstrap
 * binds other shapes fails this test, which says the mirror in InvokeShapes is out of date (the runner itself only
 * starts slower). What Groovy then builds for the method it selects (guards, an exception handler) is not mirrored.
 */
class InvokeShapesTests {
    @TempDir
    Path dir;

    @Test
    void groovysBootstrapFindsTheSpeciesThatBindItsCallSitesConstantsReady() throws Exception {
        Path log = dir.resolve("classes.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // NOTE: no class data sharing, so every species the JVM uses is made in this run and shows in the log
        Process process = new ProcessBuilder(java, "-Xshare:off", "-Xlog:class+load=info:file=" + log, "-cp",
                System.getProperty("java.class.path"), InvokeShapesProbe.class.getName()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe did not end");
        assertEquals("linked: true\n", output);

        List<String> classes = Files.readAllLines(log);
        int marker = indexOf(classes, "InvokeShapesProbe$Marker ");
        List<String> before = classes.subList(0, marker);
        List<String> after = classes.subList(marker, classes.size());
        assertTrue(before.stream().anyMatch(line -> line.contains("BoundMethodHandle$Species_LLLLIL ")),
                "the preparation made the bootstrap's species");
        assertEquals(List.of(), after.stream().filter(line -> line.contains("BoundMethodHandle$Species_LLLLI"))
                .toList());
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("not in the log: " + text);
    }
}
