package io.jobrun.cli;

import static io.jobrun.cli.InterruptTests.awaitPid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jobrun.futures.process.Subreaper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A task's grandchild that clears its environment ({@code env -i}, so it loses the task's mark) and leaves its
 * session ({@code setsid}, so it leaves the task's tree and process group when its parent ends): with jobrun's JVMs
 * subreapers it is found and killed at the task's time limit; without one, the time limit's message says that such a
 * process may have escaped. Each against a child bin/jobrun.
 */
@Timeout(180)
// NOTE: its tests mostly wait on the child jobruns they start, each in a folder of its own: they run beside the rest
@Execution(ExecutionMode.CONCURRENT)
class OrphanFaultTests {
    /**
     * The subshell ends at once, so its child is an orphan; that child writes its pid to $MARKER (it can, the name is
     * expanded before {@code env -i}) and sleeps. The task waits for the pid, so the escape is done when its time
     * limit fires.
     */
    private static final String ESCAPE = "( env -i setsid sh -c 'echo $$ > \"$1\"; exec sleep 600' escapee \"$MARKER\""
            + " </dev/null >/dev/null 2>&1 & ); until [ -s \"$MARKER\" ]; do sleep 0.01; done; sleep 600";
    private static final long GONE_WITHIN_NANOS = 20_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aGrandchildThatClearedItsEnvironmentAndLeftItsSessionDiesAtItsTasksTimeLimitOnProcesses() throws Exception {
        assertKilledAtTheTimeLimit("processes(1)");
    }

    @Test
    void aGrandchildThatClearedItsEnvironmentAndLeftItsSessionDiesAtItsTasksTimeLimitOnThreads() throws Exception {
        assertKilledAtTheTimeLimit("threads(1)");
    }

    private void assertKilledAtTheTimeLimit(String executor) throws Exception {
        assumeTrue(Subreaper.possible() || Subreaper.missing().contains("native access"),
                () -> "jobrun's JVMs cannot be subreapers here: " + Subreaper.missing());
        Path marker = dir.resolve("escapee.pid");
        ForkedJobrun jobrun = start(groovy(executor), Map.of(), marker);
        long escapee = -1;
        try {
            escapee = awaitPid(jobrun, marker);
            assertEquals(1, jobrun.awaitExit(), jobrun::stderr);
            assertTrue(jobrun.stdout().contains("    error: task exceeded its time limit of 10s\n"), jobrun.stdout());
            assertGoneSoon(escapee);
        } finally {
            jobrun.destroy();
            killIfAlive(escapee);
        }
    }

    @Test
    void anOrphanAnotherShellTaskBesideItMayHaveStartedIsLeftRunningAndTheOutputSaysSo() throws Exception {
        assumeTrue(Subreaper.possible() || Subreaper.missing().contains("native access"),
                () -> "jobrun's JVMs cannot be subreapers here: " + Subreaper.missing());
        Path marker = dir.resolve("escapee.pid");
        // both start at once on threads(2) and run until their limits: each ran beside the other
        Path job = Files.writeString(dir.resolve("job.groovy"), """
                params marker: ''
                executor 'pool', threads(2)
                task 'escaper', on: 'pool', timeout: '10s', shell('%s', env: [MARKER: params.marker])
                task 'beside', on: 'pool', timeout: '10s', optional: true, shell('sleep 600')
                """.formatted(ESCAPE.replace("'", "\\'")));
        ForkedJobrun jobrun = start(job, Map.of(), marker);
        long escapee = -1;
        try {
            escapee = awaitPid(jobrun, marker);
            assertEquals(1, jobrun.awaitExit(), jobrun::stderr);
            assertTrue(jobrun.stdout().contains("""
                        error: task exceeded its time limit of 10s
                        output:
                          | jobrun: left running 1 process that cleared its environment and left its session while \
                    another shell task ran beside this one, which may have started it: pid %d (sleep)
                    """.formatted(escapee)), jobrun.stdout());
            assertTrue(alive(escapee), "it was left running, as the output says");
        } finally {
            jobrun.destroy();
            killIfAlive(escapee);
        }
    }

    @Test
    void withoutASubreaperTheTimeLimitSaysAProcessMayHaveEscapedInGroovy() throws Exception {
        assertEscapeIsReported(groovy("processes(1)"));
    }

    @Test
    void withoutASubreaperTheTimeLimitSaysAProcessMayHaveEscapedInYaml() throws Exception {
        assertEscapeIsReported(Files.writeString(dir.resolve("job.yaml"), """
                params:
                  marker: ''
                executors:
                  cpu: { processes: 1 }
                tasks:
                  escaper:
                    on: cpu
                    timeout: 10s
                    shell:
                      command: |
                        %s
                      env: { MARKER: "${params.marker}" }
                """.formatted(ESCAPE)));
    }

    @Test
    void withoutASubreaperAThreadsTasksOutputSaysAProcessMayHaveEscaped() throws Exception {
        // its error is written when the limit passes, before the tree is killed: the output says it
        assertEscapeIsReported(groovy("threads(1)"), """
                    error: task exceeded its time limit of 10s
                    output:
                      | jobrun: a process it started that cleared its environment and left its session (env -i, \
                setsid) may have escaped: finding one needs a subreaper, and it is turned off (-Djobrun.subreaper=false)
                """);
    }

    private void assertEscapeIsReported(Path job) throws Exception {
        assertEscapeIsReported(job, "    error: task exceeded its time limit of 10s; a process it started that "
                + "cleared its environment and left its session (env -i, setsid) may have escaped: finding one needs a "
                + "subreaper, and it is turned off (-Djobrun.subreaper=false)\n");
    }

    private void assertEscapeIsReported(Path job, String report) throws Exception {
        Path marker = dir.resolve("escapee.pid");
        ForkedJobrun jobrun = start(job, Map.of("JOBRUN_JAVA_OPTS", "-D" + Subreaper.PROPERTY + "=false"), marker);
        long escapee = -1;
        try {
            escapee = awaitPid(jobrun, marker);
            assertEquals(1, jobrun.awaitExit(), jobrun::stderr);
            assertTrue(jobrun.stdout().contains(report), jobrun.stdout());
            assertTrue(alive(escapee), "it did escape: the test shows what it means to show");
        } finally {
            jobrun.destroy();
            killIfAlive(escapee);
        }
    }

    private Path groovy(String executor) throws IOException {
        return Files.writeString(dir.resolve("job.groovy"), """
                params marker: ''
                executor 'pool', %s
                task 'escaper', on: 'pool', timeout: '10s', shell('%s', env: [MARKER: params.marker])
                """.formatted(executor, ESCAPE.replace("'", "\\'")));
    }

    private ForkedJobrun start(Path job, Map<String, String> env, Path marker) throws IOException {
        return ForkedJobrun.start(dir, env, job.toString(), "-p", "marker=" + marker, "--no-emoji");
    }

    /** Waits for {@code pid} to be gone (or dead, a zombie that init reaps once jobrun has ended), for 20 s at most. */
    private static void assertGoneSoon(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + GONE_WITHIN_NANOS;
        while (alive(pid) && System.nanoTime() - deadline < 0) {
            Thread.sleep(20); // polling another process; a guard only, as jobrun kills it before its run ends
        }
        assertFalse(alive(pid), "the grandchild that cleared its environment and left its session was left behind");
    }

    /** Whether {@code pid} runs: exists and is not a zombie. */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    private static void killIfAlive(long pid) {
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
