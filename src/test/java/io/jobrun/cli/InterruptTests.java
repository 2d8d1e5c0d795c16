package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C end to end: SIGINT to a child bin/jobrun stops its shell tree or worker JVM, prints the partial report,
 * exits 130.
 */
class InterruptTests {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void sigintCancelsPendingStopsRunningPrintsThePartialReportAndExits130() throws Exception {
        Path marker = dir.resolve("sleep.pid");
        Process jobrun = start("src/test/resources/jobs/interruptible.groovy", marker);
        try {
            // the shell task has started its grandchild once the marker holds its pid
            long sleepPid = awaitPid(jobrun, marker);
            String stdout = interruptAndRead(jobrun);
            assertTrue(stdout.contains("[cancelled]  sleeper"), stdout);
            assertTrue(stdout.contains("[cancelled]  later"), stdout);
            assertTrue(stdout.contains("Interrupted: pending tasks were cancelled and running ones stopped."), stdout);
            assertGone(sleepPid, "sleep");
        } finally {
            jobrun.destroyForcibly();
        }
    }

    @Test
    @Timeout(120)
    void sigintKillsTheWorkerJvmOfARunningProcessTaskAndExits130() throws Exception {
        Path marker = dir.resolve("worker.pid");
        Process jobrun = start("src/test/resources/jobs/interruptible-processes.groovy", marker);
        try {
            long workerPid = awaitPid(jobrun, marker);
            String stdout = interruptAndRead(jobrun);
            assertTrue(stdout.contains("[cancelled]  spinner"), stdout);
            assertTrue(stdout.contains("[cancelled]  later"), stdout);
            assertGone(workerPid, "the worker JVM");
        } finally {
            jobrun.destroyForcibly();
        }
    }

    @Test
    @Timeout(120)
    void sigintStopsAnEndlessScriptAndReportsItCancelled() throws Exception {
        Path marker = dir.resolve("script.started");
        Process jobrun = start("src/test/resources/jobs/interruptible-script.yaml", marker);
        try {
            // the script is in its endless loop once the marker holds 'started'
            while (!Files.exists(marker) || Files.readString(marker).isBlank()) {
                assertTrue(jobrun.isAlive(), () -> "jobrun ended early: " + read("stderr"));
                Thread.sleep(20); // polling a file another process writes; the test's timeout guards a hang
            }
            String stdout = interruptAndRead(jobrun);
            // a script that ignored the interrupt would be reported leaked
            assertTrue(stdout.contains("[cancelled]  spin"), stdout);
            assertFalse(stdout.contains("leaked"), stdout);
        } finally {
            jobrun.destroyForcibly();
        }
    }

    private Process start(String job, Path marker) throws java.io.IOException {
        ProcessBuilder builder = new ProcessBuilder("bin/jobrun", job, "-p", "marker=" + marker, "--no-emoji")
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("JOBRUN_CLASSPATH", System.getProperty("java.class.path"));
        return builder.start();
    }

    private static void assertGone(long pid, String what) {
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), what + " was left behind");
    }

    /** Sends SIGINT to {@code jobrun}, checks that it exits 130, and returns its stdout. */
    private String interruptAndRead(Process jobrun) throws Exception {
        new ProcessBuilder("kill", "-INT", String.valueOf(jobrun.pid())).start().waitFor();
        assertTrue(jobrun.waitFor(60, TimeUnit.SECONDS));
        assertEquals(130, jobrun.exitValue(), () -> read("stderr"));
        return read("stdout");
    }

    /** The pid a task of {@code jobrun} wrote to {@code marker} once it runs. */
    private long awaitPid(Process jobrun, Path marker) throws Exception {
        while (!Files.exists(marker) || Files.readString(marker).isBlank()) {
            assertTrue(jobrun.isAlive(), () -> "jobrun ended early: " + read("stderr"));
            Thread.sleep(20); // polling a file another process writes; the test's timeout guards a hang
        }
        return Long.parseLong(Files.readString(marker).strip());
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
