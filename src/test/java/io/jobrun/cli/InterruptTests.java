package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Ctrl-C end to end, as a terminal sends it: SIGINT to the whole foreground process group of a child bin/jobrun. Only
 * jobrun gets it (its shell tasks and worker JVMs have process groups of their own); it stops its shell tree or
 * worker JVM, reports them cancelled, prints the partial report and exits 130.
 */
// A script's first context can take a minute on a loaded 2-core machine; the timeout only guards against a hang.
@Timeout(300)
// NOTE: its tests mostly wait on the child jobruns they start, each in a folder of its own: they run beside the rest
@Execution(ExecutionMode.CONCURRENT)
class InterruptTests {
    @TempDir
    Path dir;

    @Test
    void ctrlCCancelsPendingStopsRunningReportsWhatFinishedAndExits130() throws Exception {
        Path marker = dir.resolve("sleep.pid");
        ForkedJobrun jobrun = start("src/test/resources/jobs/interruptible.groovy", marker);
        try {
            // the shell task has started its grandchild once the marker holds its pid
            long sleepPid = awaitPid(jobrun, marker);
            String stdout = interruptAndRead(jobrun);
            // before: the shell got the terminal's SIGINT too and the task read "failed ... status 130"
            assertTrue(stdout.contains("[cancelled]  sleeper  io        cancelled  1"), stdout);
            assertTrue(stdout.contains("[cancelled]  later    io        cancelled  0         0.00s  interrupted\n"),
                    stdout);
            assertTrue(stdout.endsWith("\nInterrupted: pending tasks were cancelled and running ones stopped.\n"),
                    stdout);
            // what finished before Ctrl-C is in the report with its result
            assertTrue(SignalFaultTests.timesMasked(stdout).contains(
                    "[ok]         first    io        ok         1         T.TTs  done before Ctrl-C\n"), stdout);
            assertTrue(stdout.contains("\n3 tasks: 1 ok, 2 cancelled\n"), stdout);
            assertGone(sleepPid, "sleep");
        } finally {
            jobrun.destroy();
        }
    }

    @Test
    void ctrlCKillsTheWorkerJvmOfARunningProcessTaskAndExits130() throws Exception {
        Path marker = dir.resolve("worker.pid");
        ForkedJobrun jobrun = start("src/test/resources/jobs/interruptible-processes.groovy", marker);
        try {
            long workerPid = awaitPid(jobrun, marker);
            String stdout = interruptAndRead(jobrun);
            assertTrue(stdout.contains("[cancelled]  spinner"), stdout);
            assertTrue(stdout.contains("[cancelled]  later"), stdout);
            assertGone(workerPid, "the worker JVM");
        } finally {
            jobrun.destroy();
        }
    }

    @Test
    void ctrlCStopsAnEndlessScriptAndReportsItCancelled() throws Exception {
        Path marker = dir.resolve("script.started");
        ForkedJobrun jobrun = start("src/test/resources/jobs/interruptible-script.yaml", marker);
        try {
            // the script is in its endless loop once the marker holds 'started'
            awaitContent(jobrun, marker);
            String stdout = interruptAndRead(jobrun);
            // a script that ignored the interrupt would be reported leaked
            assertTrue(stdout.contains("[cancelled]  spin"), stdout);
            assertFalse(stdout.contains("leaked"), stdout);
        } finally {
            jobrun.destroy();
        }
    }

    private ForkedJobrun start(String job, Path marker) throws java.io.IOException {
        return ForkedJobrun.start(dir, Map.of(), ForkedJobrun.asATerminalRunsIt(), job, "-p", "marker=" + marker,
                "--no-emoji");
    }

    static void assertGone(long pid, String what) {
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), what + " was left behind");
    }

    /** Presses Ctrl-C, checks that jobrun exits 130, and returns its stdout. */
    private static String interruptAndRead(ForkedJobrun jobrun) throws Exception {
        jobrun.signalGroup("INT");
        assertEquals(130, jobrun.awaitExit(), jobrun::stderr);
        return jobrun.stdout();
    }

    /** The pid a task of {@code jobrun} wrote to {@code marker} once it runs. */
    static long awaitPid(ForkedJobrun jobrun, Path marker) throws Exception {
        return Long.parseLong(awaitContent(jobrun, marker));
    }

    static String awaitContent(ForkedJobrun jobrun, Path marker) throws Exception {
        while (!Files.exists(marker) || Files.readString(marker).isBlank()) {
            assertTrue(jobrun.process().isAlive(), () -> "jobrun ended early: " + jobrun.stderr());
            Thread.sleep(20); // polling a file another process writes; the test's timeout guards a hang
        }
        return Files.readString(marker).strip();
    }
}
