package io.jobrun.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What happens to work when the JVM exits (conformance section K, CPython's test_shutdown.py): each test runs
 * {@link ExitProbe} in a JVM of its own and reads what it reported.
 */
class ExitTests {
    /** A JVM that has not exited by then is deadlocked; only a hang reaches it. */
    private static final Duration EXIT_GUARD = Duration.ofSeconds(60);

    private final Path dir = temporaryDirectory();

    @ParameterizedTest
    @ValueSource(strings = {"threads", "virtual", "processes"})
    void workAcceptedBeforeShutdownWithoutWaitRunsToItsEndAtExit(String kind) throws Exception {
        Process probe = start("shutdown-without-wait", kind);
        assertEquals(0, awaitExit(probe));
        assertEquals("apple", read("apple"), "the running task finished");
        assertEquals("banana", read("banana"), "the task queued behind it ran too");
    }

    @ParameterizedTest
    @ValueSource(strings = {"threads", "virtual", "processes"})
    void workOfAnExecutorNeverShutDownRunsToItsEndAtExit(String kind) throws Exception {
        Process probe = start("never-shut-down", kind);
        assertEquals(0, awaitExit(probe));
        assertEquals("apple", read("apple"));
        assertEquals("banana", read("banana"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"threads", "virtual", "processes"})
    void aCancellingShutdownWithoutWaitLetsTheRunningTaskEndAtExitAndTheQueuedOneNeverRuns(String kind)
            throws Exception {
        Process probe = start("shutdown-cancelling-without-wait", kind);
        assertEquals(0, awaitExit(probe));
        assertEquals("apple", read("apple"), "the running task finished");
        assertFalse(Files.exists(dir.resolve("banana")), "the queued task was cancelled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"threads", "virtual"})
    void systemExitInATaskEndsTheJvmWithItsStatusAndQueuedWorkStillRuns(String kind) throws Exception {
        Process probe = start("exit-in-task", kind);
        assertEquals(3, awaitExit(probe), "the JVM exits with the task's status instead of deadlocking");
        assertEquals("apple", read("apple"), "the task queued behind the exiting one ran");
        assertTrue(read("outcome").startsWith(SystemExitException.class.getName()), read("outcome"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"threads", "virtual", "processes"})
    void submitDuringExitIsRefusedWithCPythonsMessageAndNothingAcceptedIsLost(String kind) throws Exception {
        Process probe = start("submit-during-exit", kind);
        assertEquals(0, awaitExit(probe));
        assertEquals(ExitHook.AFTER_EXIT, read("refused"));
        assertEquals(ExitHook.AFTER_EXIT, read("late-pool"), "a pool created during exit refuses work too");
        int accepted = Integer.parseInt(read("accepted"));
        assertTrue(accepted >= 1);
        try (Stream<Path> ran = Files.list(dir)) {
            assertEquals(accepted, ran.filter(f -> f.getFileName().toString().matches("ran-\\d+")).count(),
                    "every accepted task ran");
        }
        assertFalse(Files.exists(dir.resolve("late-pool-ran")));
    }

    private Process start(String scenario, String kind) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ExitProbe.class.getName(),
                scenario, kind, dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("output").toFile()).start();
    }

    private int awaitExit(Process probe) throws Exception {
        if (!probe.waitFor(EXIT_GUARD.toSeconds(), TimeUnit.SECONDS)) {
            probe.destroyForcibly();
            fail("the JVM did not exit within " + EXIT_GUARD.toSeconds() + " s; its output:\n" + read("output"));
        }
        return probe.exitValue();
    }

    private String read(String name) {
        try {
            Path file = dir.resolve(name);
            return Files.exists(file) ? Files.readString(file) : "(no " + name + "; output:\n"
                    + Files.readString(dir.resolve("output")) + ")";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("jobrun-exit-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
