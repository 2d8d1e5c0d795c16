package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Words of a file's top level called from a task's code: a declaration ({@code timeout '5s'}), and {@code shell(...)}
 * and the other task kinds, which make a task's body and would throw it away there, the command never run. What the
 * compile step can see is refused before anything runs (the {@code shell-inside-task-code} and
 * {@code declaration-inside-task-code} fixtures); these are the calls it cannot see, made by the file's own methods.
 */
class TopLevelWordsInTaskCodeTests {
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
                + " task 'name', shell(...), or as a callback, onFailure shell(...)\n"), run.stdout());
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

    @Test
    void aDeclarationMadeByTheFilesOwnMethodInsideATaskFailsThatTaskWhereItIsMade() throws IOException {
        CliRun run = CliRun.ofFile(dir, "declares.groovy", """
                def limit() {
                    timeout '5s'
                }
                task('build') { limit(); 'built' }
                """);
        assertEquals(1, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("error: " + dir.resolve("declares.groovy") + ":2:5: timeout declares part of"
                + " the job and belongs at the top level of the file, not inside a task\n"), run.stdout());
    }
}
