package io.jobrun.cli;

import static io.jobrun.cli.InterruptTests.assertGone;
import static io.jobrun.cli.InterruptTests.awaitContent;
import static io.jobrun.cli.InterruptTests.awaitPid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * How a run ends when something outside it ends it: SIGTERM (CI cancels), SIGHUP (the terminal closed), SIGKILL, a
 * second signal, a task that will not stop, a task that calls System.exit. Each against a child bin/jobrun.
 */
@Timeout(180)
// NOTE: its tests mostly wait on the child jobruns they start, each in a folder of its own: they run beside the rest
@Execution(ExecutionMode.CONCURRENT)
class SignalFaultTests {
    /** A shell task whose grandchild writes its pid and sleeps, and a task that waits for it. */
    private static final String SLEEPER = """
            params marker: ''
            executor 'io', threads(2, leakGrace: '60s')
            task 'sleeper', on: 'io', shell('sleep 300 & echo $! > "$MARKER"; wait', env: [MARKER: params.marker])
            task 'later', on: 'io', after: ['sleeper'], { 'never runs' }
            """;

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheRunPrintsThePartialReportAndExits143() throws Exception {
        assertStopsWithReport("TERM", 143, "terminated", "Terminated");
    }

    @Test
    void sighupStopsTheRunPrintsThePartialReportAndExits129() throws Exception {
        assertStopsWithReport("HUP", 129, "hung up", "Hung up");
    }

    private void assertStopsWithReport(String signal, int exitCode, String reason, String headline) throws Exception {
        Path marker = dir.resolve("sleep.pid");
        ForkedJobrun jobrun = start(SLEEPER, marker);
        try {
            long sleepPid = awaitPid(jobrun, marker);
            jobrun.signal(signal);
            assertEquals(exitCode, jobrun.awaitExit(), jobrun::stderr);
            assertEquals("""

                                 TASK     EXECUTOR  STATUS     ATTEMPTS  TIME   RESULT
                    [cancelled]  sleeper  io        cancelled  1         T.TTs  %s
                    [cancelled]  later    io        cancelled  0         T.TTs  %s

                    2 tasks: 0 ok, 2 cancelled
                    Wall time: T.TTs   Task time: T.TTs   Speed up: X   Throughput: X tasks/s
                    %s: pending tasks were cancelled and running ones stopped.
                    """.formatted(reason, reason, headline), timesMasked(jobrun.stdout()));
            assertEquals("[1/2] [cancelled] later (T.TTs)\n[2/2] [cancelled] sleeper (T.TTs)\n",
                    timesMasked(jobrun.stderr()));
            assertGone(sleepPid, "the shell task's sleep");
        } finally {
            jobrun.destroy();
        }
    }

    @Test
    void shellTasksDieWithTheRunnerEvenWhenItIsKilledWithSigkill() throws Exception {
        // Before: the shell task and its sleep went on under PID 1; only worker JVMs watched their parent.
        Path marker = dir.resolve("sleep.pid");
        ForkedJobrun jobrun = start(SLEEPER, marker);
        try {
            long sleepPid = awaitPid(jobrun, marker);
            jobrun.signal("KILL");
            assertEquals(137, jobrun.awaitExit());
            assertGone(sleepPid, "the shell task's sleep");
        } finally {
            jobrun.destroy();
        }
    }

    @Test
    void aShellTasksGrandchildThatLeftItsSessionDiesWithTheRunnerKilledWithSigkill() throws Exception {
        // the subshell ends at once, so its setsid'd sleep is left to init: out of the task's tree and process group
        Path marker = dir.resolve("escapee.pid");
        ForkedJobrun jobrun = start("""
                params marker: ''
                executor 'io', threads(1)
                task 'escaper', on: 'io', shell('(setsid sleep 300 & echo $! > "$MARKER"); sleep 300',
                        env: [MARKER: params.marker])
                """, marker);
        try {
            long escapee = awaitPid(jobrun, marker);
            jobrun.signal("KILL");
            assertEquals(137, jobrun.awaitExit());
            assertGone(escapee, "the sleep that left the shell task's session");
        } finally {
            jobrun.destroy();
        }
    }

    @Test
    void aRunWhoseTaskWillNotStopStillEndsWithinTheBoundAfterSigterm() throws Exception {
        // Before: SIGTERM ran the JVM's exit hooks, which waited for the task for ever: no report, no exit.
        Path marker = dir.resolve("started");
        ForkedJobrun jobrun = start(STUBBORN, marker);
        try {
            awaitContent(jobrun, marker);
            long signalled = System.nanoTime();
            jobrun.signal("TERM");
            assertEquals(143, jobrun.awaitExit(), jobrun::stderr);
            long seconds = (System.nanoTime() - signalled) / 1_000_000_000L;
            assertTrue(seconds < StopOnSignal.BOUND.toSeconds() + 5, "exited " + seconds + "s after SIGTERM");
            assertTrue(timesMasked(jobrun.stdout()).contains(
                    "[LEAKED]     stubborn  io        leaked     1         T.TTs  terminated\n"), jobrun.stdout());
            assertTrue(jobrun.stdout().endsWith("\nTerminated: pending tasks were cancelled and running ones "
                    + "stopped.\n"), jobrun.stdout());
            assertTrue(jobrun.stderr().endsWith("jobrun: still running 10s after SIGTERM (a task does not stop): "
                    + "exiting without waiting for it\n"), jobrun.stderr());
        } finally {
            jobrun.destroy();
        }
    }

    @Test
    void sigtermToTheProcessAndThenItsGroupAsTimeoutSendsItStillReports() throws Exception {
        // timeout(1) and many CI runners signal the command and then its whole process group: two at once
        Path marker = dir.resolve("sleep.pid");
        Path job = Files.writeString(dir.resolve("job.groovy"), SLEEPER);
        ForkedJobrun jobrun = ForkedJobrun.start(dir, Map.of(), ForkedJobrun.asATerminalRunsIt(), job.toString(),
                "-p", "marker=" + marker, "--no-emoji");
        try {
            long sleepPid = awaitPid(jobrun, marker);
            jobrun.signal("TERM");
            jobrun.signalGroup("TERM");
            assertEquals(143, jobrun.awaitExit(), jobrun::stderr);
            assertTrue(jobrun.stdout().endsWith("\nTerminated: pending tasks were cancelled and running ones "
                    + "stopped.\n"), jobrun.stdout());
            assertGone(sleepPid, "the shell task's sleep");
        } finally {
            jobrun.destroy();
        }
    }

    /** A task that swallows every interrupt, so it never stops. */
    private static final String STUBBORN = """
            params marker: ''
            executor 'io', threads(2)
            task 'stubborn', on: 'io', {
                new File(params.marker).text = 'started'
                while (true) {
                    try { Thread.sleep(100_000) } catch (InterruptedException ignored) { }
                }
            }
            task 'later', on: 'io', after: ['stubborn'], { 'never runs' }
            """;

    @Test
    void systemExitInATaskEndsTheRunWithAReportAndExitCode1() throws Exception {
        // Before: the exit hook waited for the other task, then the JVM ended with the task's status 3 and no report.
        Path marker = dir.resolve("sleep.pid");
        ForkedJobrun jobrun = start("""
                params marker: ''
                executor 'io', threads(2, leakGrace: '60s')
                task 'sleeper', on: 'io', shell('sleep 300 & echo $! > "$MARKER"; wait', env: [MARKER: params.marker])
                task 'quitter', on: 'io', {
                    while (!new File(params.marker).exists() || !new File(params.marker).text) { sleep 20 }
                    System.exit(3)
                }
                task 'later', on: 'io', after: ['sleeper'], { 'never runs' }
                """, marker);
        try {
            long sleepPid = awaitPid(jobrun, marker);
            assertEquals(1, jobrun.awaitExit(), jobrun::stderr);
            assertEquals("""

                                 TASK     EXECUTOR  STATUS     ATTEMPTS  TIME   RESULT
                    [cancelled]  sleeper  io        cancelled  1         T.TTs  exiting
                    [FAILED]     quitter  io        failed     1         T.TTs  the task called System.exit; the JVM exits without it
                    [cancelled]  later    io        cancelled  0         T.TTs  exiting

                    3 tasks: 0 ok, 1 failed, 2 cancelled
                    Wall time: T.TTs   Task time: T.TTs   Speed up: X   Throughput: X tasks/s

                    [FAILED] quitter failed (defined at %s:4:1)
                        error: the task called System.exit; the JVM exits without it
                    Exiting: pending tasks were cancelled and running ones stopped.
                    """.formatted(dir.resolve("job.groovy")), timesMasked(jobrun.stdout()));
            assertGone(sleepPid, "the shell task's sleep");
        } finally {
            jobrun.destroy();
        }
    }

    @Test
    void ctrlCStillReachesARunStartedFromAScriptThatIgnoresSigint() throws Exception {
        // A CI runner or a script's background job starts bin/test with SIGINT ignored; the JVMs it starts inherit
        // that, and a JVM that starts with SIGINT ignored never handles it. The Ctrl-C tests restore its default.
        Path marker = dir.resolve("sleep.pid");
        Path job = Files.writeString(dir.resolve("job.groovy"), SLEEPER);
        List<String> prefix = new ArrayList<>(List.of("/bin/sh", "-c", "trap '' INT; exec \"$@\"", "sh"));
        prefix.addAll(ForkedJobrun.asATerminalRunsIt());
        ForkedJobrun jobrun = ForkedJobrun.start(dir, Map.of(), prefix, job.toString(), "-p", "marker=" + marker,
                "--no-emoji");
        try {
            long sleepPid = awaitPid(jobrun, marker);
            jobrun.signalGroup("INT");
            assertEquals(130, jobrun.awaitExit(), jobrun::stderr);
            assertTrue(jobrun.stdout().contains("[cancelled]  sleeper  io        cancelled  1"), jobrun.stdout());
            assertGone(sleepPid, "the shell task's sleep");
        } finally {
            jobrun.destroy();
        }
    }

    private ForkedJobrun start(String job, Path marker) throws java.io.IOException {
        Path file = Files.writeString(dir.resolve("job.groovy"), job);
        return ForkedJobrun.start(dir, Map.of(), ForkedJobrun.withDefaultStopSignals(), file.toString(), "-p",
                "marker=" + marker, "--no-emoji");
    }

    /** The report with its measured times and rates replaced by T.TTs and X, which a test cannot know. */
    static String timesMasked(String report) {
        return report.replaceAll("\\b\\d+\\.\\d\\ds\\b", "T.TTs").replaceAll("Speed up: \\S+", "Speed up: X")
                .replaceAll("Throughput: \\S+ tasks/s", "Throughput: X tasks/s");
    }
}
