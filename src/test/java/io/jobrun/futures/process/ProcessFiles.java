package io.jobrun.futures.process;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What the process tests share with their worker JVMs: files as signals (a task writes pids, waits for a file) and
 * bounded polls for process states. A poll only waits for something the OS will do; the guard stops a hang.
 */
final class ProcessFiles {
    static final Duration GUARD = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 5;

    private ProcessFiles() {
    }

    static Path tempDirectory() {
        try {
            return Files.createTempDirectory("jobrun-process-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Task side: writes {@code text} to {@code file} in one atomic step, so a reader never sees half of it. */
    static void publish(String file, String text) {
        try {
            Path partial = Path.of(file + ".partial");
            Files.writeString(partial, text);
            Files.move(partial, Path.of(file), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a file that {@link #publish} writes and returns its text. */
    static String awaitFile(Path file) {
        until(() -> Files.exists(file), "file " + file);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Task side: blocks until the test creates {@code file}. */
    static void blockUntilExists(String file) {
        until(() -> Files.exists(Path.of(file)), "file " + file);
    }

    static void awaitGone(long pid) {
        until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "process " + pid + " to end");
    }

    /** Starts {@code sleep 300} from the current process and returns its pid. */
    static long startSleeper() throws IOException {
        return new ProcessBuilder("sleep", "300").redirectErrorStream(true).start().pid();
    }

    /**
     * Starts {@code sleep 300} the way a daemon escapes: in a session of its own ({@code setsid}), its parent shell
     * exiting at once, so init adopts it; neither a process-group kill nor the descendants of whoever called this
     * reach it. Returns its pid.
     */
    static long startEscapee() throws IOException, InterruptedException {
        Path pidFile = Files.createTempFile("jobrun-escapee", ".pid");
        new ProcessBuilder("setsid", "sh", "-c", "sleep 300 </dev/null >/dev/null 2>&1 & echo $! > \"$0\"",
                pidFile.toString()).redirectErrorStream(true).start().waitFor();
        return Long.parseLong(Files.readString(pidFile).strip());
    }

    static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + GUARD.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
