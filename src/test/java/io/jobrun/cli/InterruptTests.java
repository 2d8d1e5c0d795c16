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

/** Ctrl-C end to end: SIGINT to a child bin/jobrun stops its shell tree, prints the partial report, exits 130. */
class InterruptTests {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void sigintCancelsPendingStopsRunningPrintsThePartialReportAndExits130() throws Exception {
        Path marker = dir.resolve("sleep.pid");
        ProcessBuilder builder = new ProcessBuilder("bin/jobrun", "src/test/resources/jobs/interruptible.groovy",
                "-p", "marker=" + marker, "--no-emoji")
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("JOBRUN_CLASSPATH", System.getProperty("java.class.path"));
        Process jobrun = builder.start();
        try {
            // the shell task has started its grandchild once the marker holds its pid
            while (!Files.exists(marker) || Files.readString(marker).isBlank()) {
                assertTrue(jobrun.isAlive(), () -> "jobrun ended early: " + read("stderr"));
                Thread.sleep(20); // polling a file another process writes; the test's timeout guards a hang
            }
            long sleepPid = Long.parseLong(Files.readString(marker).strip());
            new ProcessBuilder("kill", "-INT", String.valueOf(jobrun.pid())).start().waitFor();
            assertTrue(jobrun.waitFor(60, TimeUnit.SECONDS));
            assertEquals(130, jobrun.exitValue(), () -> read("stderr"));
            String stdout = read("stdout");
            assertTrue(stdout.contains("[cancelled]  sleeper"), stdout);
            assertTrue(stdout.contains("[cancelled]  later"), stdout);
            assertTrue(stdout.contains("Interrupted: pending tasks were cancelled and running ones stopped."), stdout);
            ProcessHandle.of(sleepPid).ifPresent(p -> p.onExit().join());
            assertFalse(ProcessHandle.of(sleepPid).map(ProcessHandle::isAlive).orElse(false), "sleep was left behind");
        } finally {
            jobrun.destroyForcibly();
        }
    }

    @Test
    @Timeout(120)
    void sigintStopsAnEndlessScriptAndReportsItCancelled() throws Exception {
        Path marker = dir.resolve("script.started");
        ProcessBuilder builder = new ProcessBuilder("bin/jobrun", "src/test/resources/jobs/interruptible-script.yaml",
                "-p", "marker=" + marker, "--no-emoji")
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("JOBRUN_CLASSPATH", System.getProperty("java.class.path"));
        Process jobrun = builder.start();
        try {
            // the script is in its loop once the marker holds 'started'
            while (!Files.exists(marker) || Files.readString(marker).isBlank()) {
                assertTrue(jobrun.isAlive(), () -> "jobrun ended early: " + read("stderr"));
                Thread.sleep(20); // polling a file another process writes; the test's timeout guards a hang
            }
            new ProcessBuilder("kill", "-INT", String.valueOf(jobrun.pid())).start().waitFor();
            assertTrue(jobrun.waitFor(60, TimeUnit.SECONDS));
            assertEquals(130, jobrun.exitValue(), () -> read("stderr"));
            String stdout = read("stdout");
            assertTrue(stdout.contains("[cancelled]  spin"), stdout);
            assertFalse(stdout.contains("leaked"), stdout);
        } finally {
            jobrun.destroyForcibly();
        }
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
