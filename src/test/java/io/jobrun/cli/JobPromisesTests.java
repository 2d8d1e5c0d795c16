package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a job file promises, tried in both syntaxes as a user would: the job's timeout, optional failures. */
@Timeout(120)
class JobPromisesTests {
    @TempDir
    Path directory;

    private CliRun run(String name, String text, String... extra) throws IOException {
        return CliRun.ofFile(directory, name, text, extra);
    }

    private static void assertStatus(String stdout, String task, String status) {
        Pattern row = Pattern.compile("(?m)^\\S*\\s+" + Pattern.quote(task) + "\\s+\\S+\\s+" + Pattern.quote(status)
                + "\\s");
        assertTrue(row.matcher(stdout).find(), () -> "no row '" + task + "' with status '" + status + "' in:\n"
                + stdout);
    }

    private static final String TIMEOUT_YAML = """
            executors:
              one: { threads: 1 }
            timeout: 2s
            tasks:
              first: { on: one, shell: sleep 60 }
              second: { on: one, shell: sleep 60 }
              third: { after: [first], shell: echo never }
            """;

    private static final String TIMEOUT_GROOVY = """
            executor 'one', threads(1)
            timeout '2s'
            task 'first', on: 'one', { Thread.sleep(60_000) }
            task 'second', on: 'one', { Thread.sleep(60_000) }
            task 'third', after: ['first'], { 'never' }
            """;

    @Test
    void theJobTimeoutStopsWhatRunsAndCancelsWhatNeverStartedInYaml() throws IOException {
        assertTheJobTimeoutStopsTheJob(run("timeout.yaml", TIMEOUT_YAML));
    }

    @Test
    void theJobTimeoutStopsWhatRunsAndCancelsWhatNeverStartedInGroovy() throws IOException {
        assertTheJobTimeoutStopsTheJob(run("timeout.groovy", TIMEOUT_GROOVY));
    }

    private static void assertTheJobTimeoutStopsTheJob(CliRun run) {
        assertEquals(1, run.exitCode(), run.stdout());
        assertStatus(run.stdout(), "first", "timeout");
        assertStatus(run.stdout(), "second", "cancelled");
        assertStatus(run.stdout(), "third", "cancelled");
        assertTrue(run.stdout().contains("The job timed out after 2s."), run.stdout());
    }

    @Test
    void aTaskThatIgnoresTheJobTimeoutIsLeakedAndTheRunEndsAfterItsLeakGrace() throws IOException {
        // NOTE: Groovy's own sleep() sleeps on through an interrupt; the run must not wait the minute out.
        long start = System.nanoTime();
        CliRun run = run("stubborn.groovy", """
                executor 'one', threads(1, leakGrace: '300ms')
                timeout '1s'
                task 'stubborn', on: 'one', { sleep 60_000 }
                """);
        assertEquals(1, run.exitCode(), run.stdout());
        assertStatus(run.stdout(), "stubborn", "leaked");
        assertTrue(System.nanoTime() - start < 50_000_000_000L, "the run waited for the task");
    }

    private static final String OPTIONAL_YAML = """
            tasks:
              flaky:
                optional: true
                shell: exit 3
              fine:
                shell: echo fine
            on_failure:
              print: "onFailure saw ${task.name}"
            always:
              print: "run.failed has ${run.failed.size()}, run.ok is ${run.ok}"
            """;

    private static final String OPTIONAL_GROOVY = """
            task 'flaky', optional: true, shell('exit 3')
            task 'fine', shell('echo fine')
            onFailure { t -> println "onFailure saw ${t.name}" }
            always { run -> println "run.failed has ${run.failed.size()}, run.ok is ${run.ok}" }
            """;

    @Test
    void anOptionalFailureIsListedAsFailedEverywhereAndDoesNotFailTheJobInYaml() throws IOException {
        assertOptionalFailureAgreesEverywhere(run("optional.yaml", OPTIONAL_YAML));
    }

    @Test
    void anOptionalFailureIsListedAsFailedEverywhereAndDoesNotFailTheJobInGroovy() throws IOException {
        assertOptionalFailureAgreesEverywhere(run("optional.groovy", OPTIONAL_GROOVY));
    }

    private static void assertOptionalFailureAgreesEverywhere(CliRun run) {
        assertEquals(0, run.exitCode(), run.stdout());
        assertStatus(run.stdout(), "flaky", "failed (optional)");
        assertTrue(run.stdout().contains("2 tasks: 1 ok, 1 failed (1 optional)"), run.stdout());
        assertTrue(run.stdout().contains("onFailure saw flaky"), run.stdout());
        assertTrue(run.stdout().contains("run.failed has 1, run.ok is true"), run.stdout());
        assertTrue(run.stdout().contains("[FAILED] flaky failed (optional)"), run.stdout());
    }
}
