package io.jobrun.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium, from the distribution's package, for the tests that open a timeline as a person would: the DOM
 * after its script ran, and a screenshot. {@code .ci/run} installs the package when it is missing and sets
 * {@value #REQUIRED}, so in CI a missing browser fails the test; elsewhere the test is skipped, saying why.
 */
public final class Chromium {
    /** Set by {@code .ci/run}: without a browser the tests fail instead of being skipped. */
    public static final String REQUIRED = "JOBRUN_REQUIRE_BROWSER";
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private final Path binary;
    private final Path scratch;

    private Chromium(Path binary, Path scratch) {
        this.binary = binary;
        this.scratch = scratch;
    }

    /** The browser, its profile in {@code scratch}; when there is none, fails in CI and skips elsewhere. */
    public static Chromium find(Path scratch) {
        Path found = null;
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
                if (found == null && Files.isExecutable(candidate)) {
                    found = candidate;
                }
            }
        }
        String why = "no headless Chromium on the PATH (" + String.join(", ", NAMES) + "); install Debian's chromium"
                + " package, as .ci/run does, to run the timeline's browser tests";
        if (found == null && System.getenv(REQUIRED) != null) {
            throw new AssertionError(why + " (" + REQUIRED + " is set: CI must run them)");
        }
        Assumptions.assumeTrue(found != null, why);
        return new Chromium(found, scratch);
    }

    /** The page's DOM once its script has run. */
    public String dom(Path page) {
        return run("--dump-dom", page.toUri().toString());
    }

    /** A PNG of the page in a {@code width} x {@code height} window. */
    public Path screenshot(Path page, Path png, int width, int height) {
        run("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", page.toUri().toString());
        try {
            byte[] bytes = Files.readAllBytes(png);
            assertTrue(bytes.length > 1000, "a screenshot with something in it: " + bytes.length + " bytes");
            assertEquals("\u0089PNG", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png;
    }

    /**
     * Runs the browser once, headless, with a fresh profile and the flags that keep it off the network (this machine
     * has none; without them it tries Google's hosts at every start). Returns what it printed on stdout.
     */
    private String run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--user-data-dir=" + scratch.resolve("profile-" + System.nanoTime())));
        command.addAll(List.of(arguments));
        try {
            Path out = Files.createTempFile(scratch, "chromium", ".out");
            Path err = Files.createTempFile(scratch, "chromium", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            // NOTE: only a guard against a hang; a loaded machine starts the browser in a few seconds.
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("Chromium did not finish in 180s: " + command);
            }
            assertEquals(0, process.exitValue(), "Chromium failed: " + Files.readString(err));
            return Files.readString(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
