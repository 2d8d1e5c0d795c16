package io.jobrun.dsl.groovy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.job.JobScriptError;
import io.jobrun.job.LoadedJob;
import io.jobrun.run.Interpreter;
import io.jobrun.run.RunResult;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import io.jobrun.run.Ticker;
import io.jobrun.task.ShellResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closures of a Groovy job file on {@code processes(1)}: they run unchanged in a worker JVM. One run of
 * {@code jobs/processes.groovy} serves every test: a worker's start and the file's compile there cost seconds.
 */
@Timeout(120)
class ProcessTasksTests {
    private static final String FILE = "src/test/resources/jobs/processes.groovy";

    @TempDir
    static Path dir;
    private static RunResult run;

    @BeforeAll
    static void runTheJobOnce() throws Exception {
        Path marker = dir.resolve("hang.pid");
        LoadedJob loaded = io.jobrun.dsl.Loading.load(Path.of(FILE), FILE, Map.of("hangMarker", marker.toString()));
        assertEquals(List.of(), loaded.problems());
        run = new Interpreter(loaded.job(), ExecutorRegistry.STANDARD, Ticker.SYSTEM).run();
    }

    private static TaskOutcome outcome(String name) {
        return run.outcomes().stream().filter(o -> o.task().name().equals(name)).findFirst().orElseThrow();
    }

    private static Object result(String name) {
        TaskOutcome outcome = outcome(name);
        assertEquals(TaskStatus.OK, outcome.status(), () -> name + ": " + outcome.error());
        return outcome.result();
    }

    @Test
    void closureCallingAPlainMethodOfTheJobFileRunsInAWorkerJvm() {
        Map<?, ?> primes = (Map<?, ?>) result("primes");
        assertEquals(168, primes.get("primes"));
        assertNotEquals(ProcessHandle.current().pid(), ((Number) primes.get("pid")).longValue());
    }

    @Test
    void timeoutOnAProcessExecutorKillsTheWorkerAndTheNextTaskGetsANewOne() throws Exception {
        TaskOutcome hang = outcome("hang");
        assertEquals(TaskStatus.TIMEOUT, hang.status(), () -> String.valueOf(hang.error()));
        long killed = Long.parseLong(Files.readString(dir.resolve("hang.pid")).strip());
        assertEquals(((Number) result("warm")).longValue(), killed, "hang ran in the worker that warm started");
        assertFalse(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false), "the worker was killed");
        long replacement = ((Number) ((Map<?, ?>) result("primes")).get("pid")).longValue();
        assertNotEquals(killed, replacement);
    }

    @Test
    void fanOutItemsAreTheClosuresInputAndGStringsComeBackAsText() {
        assertEquals("2 squared is 4", result("squares[2]"));
    }

    @Test
    void thenStageOnAProcessExecutorGetsItsUpstreamResultAndReadsResults() {
        assertEquals(41, result("next"));
    }

    @Test
    void errorInAWorkerClosureIsTheSamePositionedUserErrorAsOnThreads() {
        TaskOutcome threads = outcome("brokenOnThreads");
        TaskOutcome processes = outcome("brokenOnProcesses");
        assertEquals(TaskStatus.FAILED, processes.status());
        JobScriptError here = assertInstanceOf(JobScriptError.class, threads.error());
        JobScriptError there = assertInstanceOf(JobScriptError.class, processes.error());
        assertEquals(26, there.position().line());
        assertEquals(FILE, there.position().file());
        assertEquals(here.detail(), there.detail());
        assertTrue(there.detail().startsWith("no method 'noSuchMethod' on String"), there.detail());
    }

    @Test
    void shellTaskOnAProcessExecutorRunsInTheWorker() {
        ShellResult shell = (ShellResult) result("shellOnProcesses");
        long parent = Long.parseLong(shell.stdout().strip());
        assertNotEquals(ProcessHandle.current().pid(), parent);
    }
}
