package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.dsl.Loading;
import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.job.LoadedJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that will start processes begins the subreaper's native set-up (about 100 ms) in the background as soon as
 * its job is read, so that it is not in front of the first shell task; a run that starts none never pays it. A run
 * that will run shell tasks in this JVM starts the shell watchdog's loop in the background too.
 */
class ProcessStartTests {
    @TempDir
    Path dir;

    @Test
    void aJobStartsProcessesWhenItHasAShellTaskOrAnExecutorWhoseTasksRunInWorkerJvms() throws IOException {
        assertTrue(startsProcesses("groovy", "task 'a', shell('true')"));
        assertTrue(startsProcesses("groovy", "task 'a', shell('echo ${params.x}')"), "a templated shell");
        assertTrue(startsProcesses("groovy", "executor 'cpu', processes(1)\ntask 'a', on: 'cpu', { 1 }"));
        assertFalse(startsProcesses("groovy", "task 'a', { 1 }"));
        assertFalse(startsProcesses("groovy", "executor 'many', virtualThreads(4)\ntask 'a', on: 'many', { 1 }"));
        assertTrue(startsProcesses("yaml", "tasks:\n  a: { shell: echo hello }"));
        assertFalse(startsProcesses("yaml", "tasks:\n  a: { http: { get: 'http://127.0.0.1:1/' } }"));
    }

    @Test
    void aJobRunsShellTasksHereWhenOneIsOnThreadsOrVirtualThreadsNotWhenItsShellsRunInWorkerJvms() throws IOException {
        assertTrue(runsShellTasksHere("groovy", "task 'a', shell('true')"));
        assertTrue(runsShellTasksHere("groovy", "executor 'io', threads(2)\ntask 'a', on: 'io', shell('true')"));
        assertFalse(runsShellTasksHere("groovy", "executor 'cpu', processes(1)\ntask 'a', on: 'cpu', shell('true')"));
        assertFalse(runsShellTasksHere("groovy", "task 'a', { 1 }"));
        assertTrue(runsShellTasksHere("groovy",
                "executor 'many', virtualThreads(4)\ntask 'a', on: 'many', shell('true')"), "virtual threads, here too");
        assertTrue(runsShellTasksHere("yaml", "tasks:\n  a: { shell: echo hello }"));
        assertTrue(runsShellTasksHere("yaml", "executors:\n  io: { threads: 2 }\ntasks:\n  a: { on: io, shell: 'true' }"));
        assertFalse(runsShellTasksHere("yaml",
                "executors:\n  cpu: { processes: 1 }\ntasks:\n  a: { on: cpu, shell: 'true' }"));
        assertFalse(runsShellTasksHere("yaml", "tasks:\n  a: { http: { get: 'http://127.0.0.1:1/' } }"));
    }

    private boolean runsShellTasksHere(String syntax, String text) throws IOException {
        return Cli.runsShellTasksHere(load(syntax, text).job(), ExecutorRegistry.STANDARD);
    }

    private boolean startsProcesses(String syntax, String text) throws IOException {
        return Cli.startsProcesses(load(syntax, text).job(), ExecutorRegistry.STANDARD);
    }

    private LoadedJob load(String syntax, String text) throws IOException {
        Path file = Files.writeString(dir.resolve("job." + syntax), text + "\n");
        LoadedJob loaded = Loading.load(file, file.toString(), Map.of("x", "1"));
        assertEquals(List.of(), loaded.problems(), text);
        return loaded;
    }
}
