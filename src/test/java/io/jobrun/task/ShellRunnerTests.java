package io.jobrun.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jobrun.futures.Future;
import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.futures.ThreadPoolExecutor;
import io.jobrun.futures.process.ProcessMark;
import io.jobrun.job.TaskBody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ShellRunnerTests {
    @TempDir
    Path dir;

    @Test
    void commandRunsWithItsEnvironmentAndDirectoryAndItsOutputIsCaptured() throws Exception {
        ShellResult result = ShellRunner.run(new TaskBody.Shell("echo \"$GREETING from $(basename $PWD)\"; echo warn >&2",
                Map.of("GREETING", "hello"), dir.toString()));
        assertEquals("hello from " + dir.getFileName() + "\n", result.stdout());
        assertEquals("warn\n", result.stderr());
        assertEquals(0, result.exitStatus());
    }

    @Test
    void aMissingDirectoryFailsSayingWhereItWasLookedFor() {
        ShellDirectoryException failure = assertThrows(ShellDirectoryException.class, () -> ShellRunner.run(
                new TaskBody.Shell("true", Map.of(), "no/such/dir")));
        assertEquals("shell dir 'no/such/dir' does not exist (from " + Path.of("").toAbsolutePath() + ")",
                failure.getMessage());
    }

    @Test
    void aFileGivenAsTheDirectoryFailsSayingItIsNotOne() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "x");
        ShellDirectoryException failure = assertThrows(ShellDirectoryException.class, () -> ShellRunner.run(
                new TaskBody.Shell("true", Map.of(), file.toString())));
        assertEquals("shell dir '" + file + "' is not a directory", failure.getMessage());
    }

    @Test
    void nonZeroExitIsAFailureWithTheHeadAndTailOfItsOutput() {
        ShellFailedException failure = assertThrows(ShellFailedException.class, () -> ShellRunner.run(
                new TaskBody.Shell("for i in $(seq 1 45); do echo line $i; done; exit 3", Map.of(), null)));
        assertEquals(3, failure.exitStatus());
        List<String> lines = failure.outputTail();
        assertEquals(TaskOutput.HEAD_LINES + 1 + TaskOutput.TAIL_LINES, lines.size());
        assertEquals("line 1", lines.get(0));
        assertEquals("[... 15 more lines ...]", lines.get(TaskOutput.HEAD_LINES));
        assertEquals("line 45", lines.get(lines.size() - 1));
    }

    @Test
    void childWritingMoreThanAPipeBufferToBothStreamsDoesNotBlock() throws Exception {
        // 200 KiB to each pipe: without draining both, the child blocks at 64 KiB and this never returns
        ShellResult result = ShellRunner.run(new TaskBody.Shell(
                "head -c 204800 /dev/zero | tr '\\0' 'o'; head -c 204800 /dev/zero | tr '\\0' 'e' >&2", Map.of(), null));
        assertEquals(204800, result.stdout().strip().length());
        assertEquals(204800, result.stderr().strip().length());
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        Path pidFile = dir.resolve("grandchild.pid");
        TaskBody.Shell shell = new TaskBody.Shell("sleep 300 & echo $! > " + pidFile + "; wait", Map.of(), null);
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            Future<Object> future = pool.submit(() -> {
                ShellRunner.run(shell);
                return null;
            }, Duration.ofMillis(500));
            assertTrue(future.exception() instanceof FutureTimeoutException);
        }
        long pid = Long.parseLong(waitForContent(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "sleep 300 was left behind");
    }

    @Test
    @Timeout(120)
    void stoppingATaskKillsTheGrandchildThatLeftItsSessionToo() throws Exception {
        assumeTrue(ProcessMark.supported(), "no /proc: a process that left its session cannot be found");
        // the subshell ends at once, so its setsid'd sleep is left to init: outside the tree and the task's group
        Path pidFile = dir.resolve("escapee.pid");
        TaskBody.Shell shell = new TaskBody.Shell("(setsid sleep 300 & echo $! > \"$PID_FILE\"); sleep 300",
                Map.of("PID_FILE", pidFile.toString()), null);
        CompletableFuture<Throwable> stopped = new CompletableFuture<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                ShellRunner.run(shell);
                stopped.complete(null);
            } catch (Throwable t) {
                stopped.complete(t);
            }
        });
        while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
            Thread.sleep(10); // polling a file the task writes; the test's timeout guards a hang
        }
        long escapee = Long.parseLong(Files.readString(pidFile).strip());
        while (ProcessHandle.current().descendants().anyMatch(p -> p.pid() == escapee)) {
            Thread.sleep(10); // until the subshell has ended and left the sleep to init, out of our tree
        }
        runner.interrupt();
        assertInstanceOf(InterruptedException.class, stopped.get());
        ProcessHandle.of(escapee).ifPresent(p -> p.onExit().join());
        assertFalse(ProcessHandle.of(escapee).map(ProcessHandle::isAlive).orElse(false),
                "the sleep that left its session was left behind");
    }

    @Test
    @Timeout(120)
    void aJvmsFirstShellTaskStartsBeforeItIsASubreaperButRunsItsCommandOnlyOnceItIsOne() throws Exception {
        assumeTrue(io.jobrun.futures.process.Subreaper.possible(), "no subreaper here");
        assumeTrue(ShellWatchdog.available(), "no setsid: a shell task is not held until it may go");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), FirstShellTaskProbe.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes());
        probe.waitFor();
        assertEquals("adopted the orphan of its first shell task: true\n", output);
    }

    @Test
    void aShellTaskLeadsAProcessGroupOfItsOwnSoATerminalsCtrlCDoesNotReachIt() throws Exception {
        assumeTrue(ShellWatchdog.available(), "no setsid here: shell tasks share jobrun's process group");
        // field 5 of /proc/PID/stat is the process group; the shell's comm "sh" has no space in it
        ShellResult result = ShellRunner.run(new TaskBody.Shell("echo $$ $(cut -d' ' -f5 /proc/$$/stat)", Map.of(),
                null));
        String[] pidAndGroup = result.stdout().strip().split(" ");
        assertEquals(pidAndGroup[0], pidAndGroup[1], "the shell leads its group");
        String ours = Files.readString(Path.of("/proc/self/stat")).split(" ")[4];
        assertTrue(!ours.equals(pidAndGroup[1]), "not this JVM's group");
    }

    @Test
    void aWatchdogThatWasKilledIsReplacedAtTheNextShellTask() throws Exception {
        assumeTrue(ShellWatchdog.available(), "no setsid here: no watchdog");
        ShellRunner.run(new TaskBody.Shell("true", Map.of(), null));
        ProcessHandle first = ProcessHandle.of(ShellWatchdog.loopPid()).orElseThrow();
        first.destroyForcibly();
        first.onExit().join();
        assertEquals(-1, ShellWatchdog.loopPid());
        assertEquals("ok", ShellRunner.run(new TaskBody.Shell("echo ok", Map.of(), null)).toString());
        long second = ShellWatchdog.loopPid();
        assertTrue(second != first.pid() && second != -1, "a new watchdog runs");
    }

    @Test
    void anIdleWatchdogEndsAtAnOrderlyExitSoNoThreadIsLeftWaitingForIt() throws Exception {
        assumeTrue(ShellWatchdog.available(), "no setsid here: no watchdog");
        ShellRunner.run(new TaskBody.Shell("true", Map.of(), null));
        ProcessHandle loop = ProcessHandle.of(ShellWatchdog.loopPid()).orElseThrow();
        // what the shutdown hook does: the loop has ended when it returns, so the JDK's wait for it is over
        assertTrue(ShellWatchdog.endIfIdle(), "the idle loop ended");
        assertFalse(loop.isAlive());
        assertEquals(-1, ShellWatchdog.loopPid());
        assertEquals("ok", ShellRunner.run(new TaskBody.Shell("echo ok", Map.of(), null)).toString());
        assertTrue(ShellWatchdog.loopPid() != -1, "a shell task after it has its watchdog again");
    }

    @Test
    void aWatchdogWithATaskRunningIsNotEndedByTheExitHook() throws Exception {
        assumeTrue(ShellWatchdog.available(), "no setsid here: no watchdog");
        Path started = Files.createTempFile("jobrun-watchdog", ".started");
        Files.delete(started);
        CompletableFuture<Object> stopped = new CompletableFuture<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                ShellRunner.run(new TaskBody.Shell("touch '" + started + "'; sleep 600", Map.of(), null));
                stopped.complete("finished");
            } catch (Throwable t) {
                stopped.complete(t);
            }
        });
        try {
            while (!Files.exists(started)) {
                Thread.sleep(10); // polling a file the task writes; the test's timeout guards a hang
            }
            long loop = ShellWatchdog.loopPid();
            assertFalse(ShellWatchdog.endIfIdle(), "a watched group keeps its watchdog");
            assertEquals(loop, ShellWatchdog.loopPid());
        } finally {
            runner.interrupt();
            stopped.get();
            Files.deleteIfExists(started);
        }
    }

    private static String waitForContent(Path file) throws Exception {
        for (int i = 0; i < 500 && (!Files.exists(file) || Files.readString(file).isBlank()); i++) {
            Thread.sleep(10);
        }
        return Files.readString(file);
    }

    @Test
    void shellBodyNeedsACommand() {
        assertThrows(IllegalArgumentException.class, () -> new TaskBody.Shell(" ", Map.of(), null));
        assertEquals(List.of(), new ShellFailedException("x", 1, List.of()).outputTail());
    }
}
