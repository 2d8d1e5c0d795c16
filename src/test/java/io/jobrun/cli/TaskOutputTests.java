package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One output stream per task: a shell's stdout and stderr, a closure's println, a script's print, on threads and in
 * worker JVMs; shown live with {@code --output}, in the failure block by default, with {@code --verbose} for
 * successful tasks.
 */
class TaskOutputTests {
    /** The same job in both syntaxes: one task prints on both streams, one prints 100 lines and fails. */
    private static String job(String syntax) {
        return syntax.equals("groovy") ? """
                executor 'one', threads(1)
                task 'greet', on: 'one', shell('echo hello; echo oops >&2')
                task 'count', on: 'one', after: ['greet'], shell('seq 1 100; exit 4')
                """ : """
                executors: { one: { threads: 1 } }
                tasks:
                  greet: { on: one, shell: "echo hello; echo oops >&2" }
                  count: { on: one, after: greet, shell: "seq 1 100; exit 4" }
                """;
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void outputStreamsEveryLineTaggedWithItsTask(String syntax, @TempDir Path directory) throws IOException {
        CliRun run = CliRun.ofFile(directory, "job." + syntax, job(syntax), "--output", "--quiet");
        List<String> lines = run.stdout().lines().toList();
        assertEquals(List.of("greet | hello", "greet | oops"), lines.subList(0, 2).stream().sorted().toList());
        for (int i = 1; i <= 100; i++) {
            assertEquals("count | " + i, lines.get(1 + i));
        }
        assertEquals(1, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void byDefaultAFailedTasksBlockShowsTheHeadAndTailOfItsOutput(String syntax, @TempDir Path directory)
            throws IOException {
        CliRun run = CliRun.ofFile(directory, "job." + syntax, job(syntax), "--quiet");
        StringBuilder block = new StringBuilder("    exit status: 4\n    output:\n");
        for (int i = 1; i <= 10; i++) {
            block.append("      | ").append(i).append('\n');
        }
        block.append("      | [... 70 more lines ...]\n");
        for (int i = 81; i <= 100; i++) {
            block.append("      | ").append(i).append('\n');
        }
        assertTrue(run.stdout().endsWith(block.toString()), run.stdout());
        assertFalse(run.stdout().contains("hello"), "a successful task's output is not shown by default");
        assertFalse(run.stderr().contains("hello"), run.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void verboseShowsWhatSuccessfulTasksPrinted(String syntax, @TempDir Path directory) throws IOException {
        CliRun run = CliRun.ofFile(directory, "job." + syntax, job(syntax), "--verbose", "--quiet");
        assertTrue(run.stdout().contains("\nOutput of greet:\n  | hello\n  | oops\n")
                || run.stdout().contains("\nOutput of greet:\n  | oops\n  | hello\n"), run.stdout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void theSummarySaysWhereWhatSuccessfulCodePrintedIsAndNothingForAShellsOutputItShows(String syntax,
            @TempDir Path directory) throws IOException {
        String job = syntax.equals("groovy") ? """
                task 'report', { println 'AAPL: $182.5'; 4 }
                task 'quiet', { 5 }
                task 'list', shell('echo a.txt')
                """ : """
                tasks:
                  report: { script: { lang: js, code: "print('AAPL: $182.5'); 4" } }
                  quiet: { script: { lang: js, code: "5" } }
                  list: { shell: echo a.txt }
                """;
        String hint = "report printed lines not shown here: --verbose shows them after the table, --output as they"
                + " are printed\n";
        CliRun run = CliRun.ofFile(directory, "job." + syntax, job);
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().endsWith("\n" + hint), run.stdout());
        assertFalse(run.stdout().contains("AAPL"), run.stdout());
        for (String shown : new String[] {"--verbose", "--output", "--quiet"}) {
            CliRun told = CliRun.ofFile(directory, "job." + syntax, job, shown);
            assertFalse(told.stdout().contains("not shown here"), shown + ": " + told.stdout());
        }
    }

    @Test
    void theSummaryNamesAFewOfTheTasksWhoseOutputItLeavesOut(@TempDir Path directory) throws IOException {
        CliRun run = CliRun.ofFile(directory, "job.groovy", "map 'each', over: 1..5, { println it; it }\n");
        assertTrue(run.stdout().endsWith("\n5 tasks (each[1], each[2], each[3], ...) printed lines not shown here:"
                + " --verbose shows them after the table, --output as they are printed\n"), run.stdout());
    }

    @Test
    void aClosuresPrintlnIsItsTasksOutputNotTheConsoles(@TempDir Path directory) throws IOException {
        String groovy = """
                task 'talk', { println 'said'; print 'no newline'; 'result' }
                task 'fail', { println 'before the fall'; throw new IllegalStateException('fell') }
                """;
        CliRun quiet = CliRun.ofFile(directory, "job.groovy", groovy, "--quiet");
        assertFalse(quiet.stdout().contains("said"), quiet.stdout());
        assertTrue(quiet.stdout().contains("    output:\n      | before the fall\n"), quiet.stdout());
        CliRun live = CliRun.ofFile(directory, "job.groovy", groovy, "--output", "--quiet");
        // NOTE: the two tasks run at once, so the other's line may come between talk's two
        int said = live.stdout().indexOf("talk | said\n");
        assertTrue(said >= 0 && live.stdout().indexOf("talk | no newline\n") > said, live.stdout());
    }

    /**
     * With {@code --output}, what a task prints in a worker JVM shows while the task runs, not when it ends: the task
     * prints a line, then waits for a gate that the test opens only once it has seen that line; and the line is not
     * shown a second time when the task ends.
     */
    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aWorkerJvmsOutputShowsWhileItsTaskRuns(String syntax, @TempDir Path directory) throws Exception {
        Path gate = directory.resolve("gate");
        String job = (syntax.equals("groovy") ? """
                executor 'cpu', processes(1)
                task 'wait', on: 'cpu', {
                    println 'before the gate'
                    def gate = new File('%1$s')
                    while (!gate.exists()) { sleep 20 }
                    println 'after the gate'
                }
                """ : """
                executors: { cpu: { processes: 1 } }
                tasks:
                  wait:
                    on: cpu
                    shell: 'echo before the gate; while [ ! -e %1$s ]; do sleep 0.02; done; echo after the gate'
                """).formatted(gate);
        Path file = Files.writeString(directory.resolve("job." + syntax), job);
        ForkedJobrun run = ForkedJobrun.start(Files.createDirectories(directory.resolve("run")), Map.of(),
                file.toString(), "--output", "--quiet", "--no-journal");
        try {
            while (!run.stdout().contains("wait | before the gate\n")) {
                assertTrue(run.process().isAlive(), () -> "the run ended first:\n" + run.stdout() + run.stderr());
                Thread.sleep(50); // NOTE: polling the runner's output file; the test's timeout guards a hang
            }
            Files.writeString(gate, "open");
            assertEquals(0, run.awaitExit(), run::stderr);
            assertEquals(List.of("wait | before the gate", "wait | after the gate"), run.stdout().lines()
                    .filter(line -> line.startsWith("wait |")).toList());
        } finally {
            run.destroy();
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aTaskInAWorkerJvmHasTheSameOutputAsOnAThread(@TempDir Path directory) throws IOException {
        String groovy = """
                executor 'cpu', processes(1)
                task 'remote', on: 'cpu', { println 'from a worker'; 42 }
                task 'remote-fail', on: 'cpu', after: ['remote'], optional: true, {
                    println 'worker says bye'
                    throw new IllegalStateException('boom')
                }
                task 'remote-shell', on: 'cpu', after: ['remote'], shell('echo shell in a worker >&2')
                """;
        CliRun run = CliRun.ofFile(directory, "job.groovy", groovy, "--output", "--quiet");
        assertTrue(run.stdout().contains("remote | from a worker\n"), run.stdout());
        assertTrue(run.stdout().contains("remote-fail | worker says bye\n"), run.stdout());
        assertTrue(run.stdout().contains("remote-shell | shell in a worker\n"), run.stdout());
        CliRun blocks = CliRun.ofFile(directory, "job.groovy", groovy, "--quiet");
        assertTrue(blocks.stdout().contains("    output:\n      | worker says bye\n"), blocks.stdout());
        assertFalse(blocks.stderr().contains("[worker"), blocks.stderr());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aScriptsPrintIsItsTasksOutputAndNeverALogLine(@TempDir Path directory) throws IOException {
        String yaml = """
                tasks:
                  js: { script: { lang: js, code: "print('from js'); 1 + 1" } }
                """;
        CliRun run = CliRun.ofFile(directory, "job.yaml", yaml, "--output");
        assertTrue(run.stdout().startsWith("js | from js\n"), run.stdout());
        assertFalse(run.stderr().contains("INFO"), run.stderr());
        assertFalse(run.stderr().contains("from js"), run.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void theLogAnalyzersThreeSummaryLinesAreVisible(String syntax) {
        CliRun run = CliRun.of("jobs/log-analyzer." + syntax, "--no-emoji");
        assertTrue(run.stdout().contains("""
                summary | Processed app.log: 2 errors, 1 warnings
                summary | Processed web.log: 1 errors, 0 warnings
                summary | Processed worker.log: 0 errors, 2 warnings
                """), run.stdout());
        assertEquals(0, run.exitCode());
    }
}
