package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shell(...)} and the other task kinds make a task's body; called inside a task's code they would make one
 * and throw it away, the command never run. What the compile step can see is refused before anything runs (the
 * {@code shell-inside-task-code} fixture); these are the calls it cannot see.
 */
class BodyInTaskCodeTests {
    @TempDir
    Path dir;

    @Test
    void aBodyMadeByTheFilesOwnMethodInsideATaskFailsThatTaskWhereTheBodyIsMade() throws IOException {
        CliRun run = CliRun.ofFile(dir, "helper.groovy", """
                def make(String target) {
                    shell("make ${target}")
                }
                task('build') { make('all') }
                task('other') { 'fine' }
                """);
        assertEquals(1, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("error: " + dir.resolve("helper.groovy") + ":2:5: shell(...) makes a task's"
                + " body and does not run it: here it is thrown away; give it to a task of its own at the top level,"
                + " task 'name', shell(...)\n"), run.stdout());
        assertTrue(run.stdout().contains("2 tasks: 1 ok, 1 failed"), run.stdout());
    }

    @Test
    void theFilesOwnMethodNamedLikeATaskKindIsCalledFromTaskCode() throws IOException {
        CliRun run = CliRun.ofFile(dir, "own.groovy", """
                String http(String url) { "got ${url}" }
                task('fetch') { http('x') }
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("got x"), run.stdout());
    }
}
