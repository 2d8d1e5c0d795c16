package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bin/jobrun FILE [TASK...]}: the named tasks run with everything they depend on, the rest is reported
 * {@code not selected}; the same in both syntaxes (select.groovy and select.yaml are one job). One thread runs the
 * tasks, so the order of the progress lines is fixed.
 */
class TaskSelectionTests {
    private static final String JOBS = "src/test/resources/jobs/select.";

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void aNamedTaskRunsWithWhatItRunsAfterAndTheRestIsNotSelected(String syntax) {
        CliRun run = CliRun.of(JOBS + syntax, "deploy");
        assertEquals("""

                                TASK        EXECUTOR  STATUS        ATTEMPTS  TIME   RESULT
                [ok]            fetch       io        ok            1         0.00s  fetched
                [ok]            build-app   io        ok            1         0.00s  app
                [not selected]  build-docs  io        not selected  0         0.00s
                [not selected]  analyze     io        not selected  0         0.00s
                [not selected]  report      io        not selected  0         0.00s
                [ok]            deploy      io        ok            1         0.00s  deployed

                3 tasks: 3 ok; 3 not selected
                Wall time: 0.00s   Task time: 0.00s   Speed up: n/a   Throughput: n/a
                """, run.stdout());
        assertEquals("[1/3] [ok] fetch (0.00s)\n[2/3] [ok] build-app (0.00s)\n[3/3] [ok] deploy (0.00s)\n",
                run.stderr());
        assertEquals(0, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void globsSelectTasksByNameAndItemsOfAFanOut(String syntax) {
        CliRun run = CliRun.of(JOBS + syntax, "build-*", "analyze[b]");
        assertEquals("""

                                TASK        EXECUTOR  STATUS        ATTEMPTS  TIME   RESULT
                [ok]            fetch       io        ok            1         0.00s  fetched
                [ok]            build-app   io        ok            1         0.00s  app
                [ok]            build-docs  io        ok            1         0.00s  docs
                [not selected]  analyze[a]  io        not selected  0         0.00s
                [ok]            analyze[b]  io        ok            1         0.00s  b
                [not selected]  analyze[c]  io        not selected  0         0.00s
                [not selected]  report      io        not selected  0         0.00s
                [not selected]  deploy      io        not selected  0         0.00s

                4 tasks: 4 ok; 4 not selected
                Wall time: 0.00s   Task time: 0.00s   Speed up: n/a   Throughput: n/a
                """, run.stdout());
        assertEquals("[1/4] [ok] fetch (0.00s)\n[2/4] [ok] analyze[b] (0.00s)\n[3/4] [ok] build-app (0.00s)\n"
                + "[4/4] [ok] build-docs (0.00s)\n", run.stderr());
        assertEquals(0, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void aFanOutNeededByASelectedTaskRunsAllItsItems(String syntax) {
        CliRun run = CliRun.of(JOBS + syntax, "report", "analyze[b]", "--quiet");
        assertEquals("""

                4 tasks: 4 ok; 4 not selected
                Wall time: 0.00s   Task time: 0.00s   Speed up: n/a   Throughput: n/a
                """, run.stdout());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void anUnknownTaskIsAnErrorWithADidYouMeanAndNothingRuns(String syntax) {
        CliRun run = CliRun.of(JOBS + syntax, "deploy", "biuld-app");
        assertEquals("", run.stdout());
        assertEquals("jobrun: " + JOBS + syntax + ": no task 'biuld-app' (did you mean 'build-app'?); nothing ran\n",
                run.stderr());
        assertEquals(2, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void aMisspeltPatternIsAnErrorWithADidYouMeanAndNothingRuns(String syntax) {
        CliRun run = CliRun.of(JOBS + syntax, "bild-*");
        assertEquals("", run.stdout());
        assertEquals("jobrun: " + JOBS + syntax + ": no task matches 'bild-*' (did you mean 'build-*'?); nothing ran\n",
                run.stderr());
        assertEquals(2, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void aMisspeltPatternThatStartsWithAWildcardIsCorrectedAtItsEnd(String syntax) {
        CliRun run = CliRun.of(JOBS + syntax, "*-dcos");
        assertEquals("jobrun: " + JOBS + syntax + ": no task matches '*-dcos' (did you mean '*-docs'?); nothing ran\n",
                run.stderr());
        assertEquals(2, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void aPatternThatMatchesNothingIsAnErrorThatPointsAtTheList(String syntax) {
        CliRun run = CliRun.of(JOBS + syntax, "test-*");
        assertEquals("", run.stdout());
        assertEquals("jobrun: " + JOBS + syntax + ": no task matches 'test-*' (bin/jobrun --list " + JOBS + syntax
                + " lists the tasks); nothing ran\n", run.stderr());
        assertEquals(2, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void checkValidatesTheTaskNamesToo(String syntax) {
        CliRun run = CliRun.of("--check", JOBS + syntax, "nope");
        assertEquals("", run.stdout());
        assertEquals("jobrun: " + JOBS + syntax + ": no task 'nope' (bin/jobrun --list " + JOBS + syntax
                + " lists the tasks); nothing ran\n", run.stderr());
        assertEquals(2, run.exitCode());
    }

    @Test
    void taskNamesGoWithOneJobFile() {
        CliRun run = CliRun.of(JOBS + "groovy", JOBS + "yaml", "deploy");
        assertEquals("", run.stdout());
        assertEquals("jobrun: task names (deploy) go with one job file, got 2\n" + Help.USAGE
                + "\nRun 'bin/jobrun --help' for more.\n", run.stderr());
        assertEquals(2, run.exitCode());
    }

    @Test
    void aThenStageRunsTheStageBeforeIt() {
        CliRun run = CliRun.of("src/test/resources/jobs/chain.groovy", "shout", "--quiet");
        assertEquals("\n2 tasks: 2 ok\nWall time: 0.00s   Task time: 0.00s   Speed up: n/a   Throughput: n/a\n",
                run.stdout());
        CliRun first = CliRun.of("src/test/resources/jobs/chain.groovy", "fetch", "--quiet");
        assertEquals("\n1 task: 1 ok; 1 not selected\nWall time: 0.00s   Task time: 0.00s   Speed up: n/a"
                + "   Throughput: n/a\n", first.stdout());
        assertEquals(0, first.exitCode());
    }

    @Test
    void aFanOutOverAResultRunsTheTaskItReadsAndOnlyTheSelectedItems(@TempDir Path directory) throws IOException {
        String groovy = """
                task 'list', { ['x1', 'x2', 'y1'] }
                map 'each', over: resultOf('list'), { item -> item }
                task 'other', { 'other' }
                """;
        CliRun run = CliRun.ofFile(directory, "job.groovy", groovy, "each[x*]");
        String table = run.stdout().substring(0, run.stdout().indexOf("\n3 tasks"));
        assertEquals("""

                                TASK      EXECUTOR  STATUS        ATTEMPTS  TIME   RESULT
                [ok]            list      default   ok            1         0.00s  [x1, x2, y1]
                [ok]            each[x1]  default   ok            1         0.00s  x1
                [ok]            each[x2]  default   ok            1         0.00s  x2
                [not selected]  each[y1]  default   not selected  0         0.00s
                [not selected]  other     default   not selected  0         0.00s
                """, table);
        assertEquals(0, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void theJobsDefaultRunsWhenNoTaskIsNamedAndANamedTaskWinsOverIt(String syntax, @TempDir Path directory)
            throws IOException {
        String job = syntax.equals("groovy") ? """
                task 'build', shell('echo built')
                task 'test', after: ['build'], shell('echo tested')
                task 'lint', shell('echo linted')
                defaultTasks 'test'
                """ : """
                default: test
                tasks:
                  build: { shell: echo built }
                  test: { after: build, shell: echo tested }
                  lint: { shell: echo linted }
                """;
        CliRun byDefault = CliRun.ofFile(directory, "job." + syntax, job, "--quiet");
        assertEquals("\n2 tasks: 2 ok; 1 not selected\nWall time: 0.00s   Task time: 0.00s   Speed up: n/a"
                + "   Throughput: n/a\n", byDefault.stdout());
        assertEquals(0, byDefault.exitCode());
        CliRun named = CliRun.ofFile(directory, "job." + syntax, job, "lint");
        assertEquals("[1/1] [ok] lint (0.00s)\n", named.stderr());
        CliRun all = CliRun.ofFile(directory, "job." + syntax, job, "*", "--quiet");
        assertEquals("\n3 tasks: 3 ok\nWall time: 0.00s   Task time: 0.00s   Speed up: n/a   Throughput: n/a\n",
                all.stdout());
    }
}
