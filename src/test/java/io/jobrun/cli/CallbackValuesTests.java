package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What callbacks see, in both syntaxes: a status that compares with its lower-case name, and durations that print as
 * the report does while offering numbers (the clock is frozen here, so every duration is 0).
 */
class CallbackValuesTests {
    @TempDir
    Path dir;

    private static void assertPrinted(CliRun run, String line) {
        assertTrue(run.stdout().lines().anyMatch(line::equals), () -> "no line '" + line + "' in\n" + run.stdout()
                + run.stderr());
    }

    @Test
    void durationsPrintAsTheReportDoesAndOfferNumbersInGroovy() throws IOException {
        CliRun run = CliRun.ofFile(dir, "values.groovy", """
                task 'a', onDone: { t -> println "done ${t.name} ${t.status} ${t.duration} ${t.duration.millis}" }, { 1 }
                always { run ->
                    def t = run.tasks[0]
                    println "types ${t.duration.seconds.getClass().simpleName} ${t.duration.millis.getClass().simpleName}" +
                            " ${t.duration.duration.getClass().name} ${t.status == 'ok'}"
                    println "wall ${run.wall} ${run.wall.millis} ${run.wall.seconds}"
                }
                """);
        assertEquals(0, run.exitCode(), run.stderr());
        assertPrinted(run, "done a ok 0.00s 0");
        assertPrinted(run, "types Double Long java.time.Duration true");
        assertPrinted(run, "wall 0.00s 0 0.0");
    }

    @Test
    void aDurationComparesWithAJavaDurationAndConvertsToOneInGroovy() throws IOException {
        CliRun run = CliRun.ofFile(dir, "compare.groovy", """
                import java.time.Duration
                task 'a', { 1 }
                always { run ->
                    def t = run.tasks[0]
                    println "shorter ${t.duration < Duration.ofSeconds(1)} longer ${t.duration > Duration.ofSeconds(1)}"
                    println "same ${t.duration == Duration.ZERO} ${run.wall >= t.duration}"
                    Duration d = t.duration.toDuration()
                    println "converted ${d.getClass().name} ${d.plusSeconds(2).seconds}"
                }
                """);
        assertEquals(0, run.exitCode(), run.stderr());
        assertPrinted(run, "shorter true longer false");
        assertPrinted(run, "same true true");
        assertPrinted(run, "converted java.time.Duration 2");
    }

    @Test
    void durationsPrintAsTheReportDoesAndOfferNumbersInYaml() throws IOException {
        CliRun run = CliRun.ofFile(dir, "values.yaml", """
                tasks:
                  a:
                    shell: echo 1
                    on_done: { print: "done ${task.name} ${task.status} ${task.duration} ${task.duration.millis}" }
                always: { print: "wall ${run.wall} ${run.wall.millis} ${run.wall.seconds}" }
                """);
        assertEquals(0, run.exitCode(), run.stderr());
        assertPrinted(run, "done a ok 0.00s 0");
        assertPrinted(run, "wall 0.00s 0 0.0");
    }

    /** A task's callback has its task's result as t.result; results, read there, was an empty map. */
    @Test
    void aTaskCallbackThatReadsResultsFailsTheRunWithAWarningNamingTResult() throws IOException {
        CliRun run = CliRun.ofFile(dir, "seen.groovy", """
                task 'a', { 1 }
                task 'b', after: 'a', onSuccess: { t -> println "saw ${results.a}" }, { 2 }
                always { run -> println "job callback saw ${results.a} ${results.b}" }
                """);
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("[warning] callback onSuccess of task 'b' failed: " + dir.resolve(
                "seen.groovy") + ":2: results are known when a task runs"), run.stdout());
        assertPrinted(run, "job callback saw 1 2");
    }

    @Test
    void aCallbackRunsAShellCommandOverItsSubjectInBothSyntaxes() throws IOException {
        CliRun groovy = CliRun.ofFile(dir, "notify.groovy", """
                task 'boom', onFailure: shell('echo "task ${task.name} failed: ${task.error.message}"'), shell('exit 2')
                task 'fine', onSuccess: shell('echo "task ${task.name} ok"'), shell('echo ok')
                onFailure shell('echo "job saw ${task.name} fail"')
                always shell('echo "run over: ${run.failed.size()} failed"')
                """);
        CliRun yaml = CliRun.ofFile(dir, "notify.yaml", """
                tasks:
                  boom:
                    shell: exit 2
                    on_failure: { shell: 'echo "task ${task.name} failed: ${task.error.message}"' }
                  fine:
                    shell: echo ok
                    on_success: { shell: 'echo "task ${task.name} ok"' }
                on_failure: { shell: 'echo "job saw ${task.name} fail"' }
                always: { shell: 'echo "run over: ${run.failed.size()} failed"' }
                """);
        for (CliRun run : java.util.List.of(groovy, yaml)) {
            assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
            assertPrinted(run, "task boom failed: command exited with status 2");
            assertPrinted(run, "task fine ok");
            assertPrinted(run, "job saw boom fail");
            assertPrinted(run, "run over: 1 failed");
        }
    }
}
