package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Script tasks in job files: inputs and results, time limits, errors at the job-file line, granted access. */
@Timeout(180)
class ScriptJobTests {
    @TempDir
    Path directory;

    private CliRun run(String name, String text, String... extra) throws IOException {
        return CliRun.ofFile(directory, name, text, extra);
    }

    private static boolean row(CliRun run, String task, String status, String result) {
        return run.stdout().lines().anyMatch(line -> line.matches("\\S*\\s+" + java.util.regex.Pattern.quote(task)
                + "\\s+\\S+\\s+" + status + "\\s+.*" + java.util.regex.Pattern.quote(result)));
    }

    @Test
    void scriptsSeeTheItemParamsAndUpstreamResultsAndTheirValuesFlowDownstream() throws IOException {
        CliRun run = run("flow.yaml", """
                params: { factor: "3" }
                tasks:
                  words:
                    shell: echo one two three
                  lengths:
                    foreach: [a, bb, ccc]
                    script: { lang: js, code: "item.length * Number(params.factor)" }
                  total:
                    after: [words, lengths]
                    script:
                      lang: python
                      code: |
                        {'words': len(results['words'].split()), 'sum': sum(results['lengths'])}
                """, "-p", "factor=2");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(row(run, "lengths[ccc]", "ok", "6"), run.stdout());
        assertTrue(row(run, "total", "ok", "{words=3, sum=12}"), run.stdout());
    }

    /**
     * A time limit counts the script's own code: starting Python (seconds, more on a loaded machine) is not charged
     * to it. The access granted is one no other test asks for, so the task's Python context is new.
     */
    @Test
    void twoSecondLimitOnAOneLinePythonScriptIsMetInBothSyntaxes() throws IOException {
        CliRun yaml = run("quick.yaml", """
                tasks:
                  add:
                    timeout: 2s
                    script: { lang: python, code: "1 + 1", allow: [environment, network, files] }
                """);
        CliRun groovy = run("quick.groovy", """
                task 'add', timeout: '2s', script('python', '1 + 1', allow: ['environment', 'files'])
                """);
        for (CliRun run : java.util.List.of(yaml, groovy)) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(row(run, "add", "ok", "2"), run.stdout());
        }
    }

    @Test
    void endlessScriptIsReportedAsTimedOutAndItsExecutorRunsTheNextTask() throws IOException {
        CliRun run = run("endless.yaml", """
                executors:
                  one: { threads: 1 }
                tasks:
                  spin:
                    on: one
                    timeout: 500ms
                    optional: true
                    script: { lang: python, code: "while True:\\n    pass\\n" }
                  next:
                    on: one
                    script: { lang: js, code: "'still here'" }
                halt: run-all
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(row(run, "spin", "timeout", "500ms"), run.stdout());
        assertTrue(row(run, "next", "ok", "still here"), run.stdout());
        assertTrue(run.stdout().contains("spin timeout (optional)"), run.stdout());
        assertFalse(run.stdout().contains("leaked"), run.stdout());
    }

    @Test
    void pythonErrorInAYamlJobNamesTheJobFileLine() throws IOException {
        CliRun run = run("fails.yaml", """
                tasks:
                  divide:
                    script:
                      lang: python
                      code: |
                        total = 10
                        total / 0
                """);
        assertEquals(1, run.exitCode());
        String file = directory.resolve("fails.yaml").toString();
        assertTrue(run.stdout().contains("error: " + file + ":7: Python error: ZeroDivisionError: division by zero"),
                run.stdout());
        assertFalse(run.stdout().contains("com.oracle.truffle"), run.stdout());
    }

    @Test
    void javascriptErrorInAGroovyJobNamesTheJobFileLine() throws IOException {
        CliRun run = run("fails.groovy", """
                description 'a failing transform'

                task 'transform', script('js', '''
                    const rows = [1, 2];
                    rows.missing.length
                ''')
                """);
        assertEquals(1, run.exitCode());
        String file = directory.resolve("fails.groovy").toString();
        assertTrue(run.stdout().contains("error: " + file + ":5: JavaScript error: TypeError: Cannot read property"
                + " 'length' of undefined"), run.stdout());
    }

    @Test
    void reportNamesTheTasksGrantedAccessBeyondTheSandbox() throws IOException {
        CliRun granted = run("env.yaml", """
                tasks:
                  env:
                    script: { lang: python, code: "import os\\n'PATH' in os.environ", allow: [environment] }
                  plain:
                    script: { lang: js, code: "1" }
                """);
        assertEquals(0, granted.exitCode(), granted.stdout() + granted.stderr());
        assertTrue(row(granted, "env", "ok", "true"), granted.stdout());
        assertTrue(granted.stdout().contains("Script access beyond the sandbox: env (python: environment)\n"),
                granted.stdout());
        assertFalse(granted.stdout().contains("plain (js"), granted.stdout());
    }

    @Test
    void dryRunSaysWhetherAScriptIsSandboxed() throws IOException {
        Path job = Files.writeString(directory.resolve("plan.yaml"), """
                tasks:
                  shout: { script: { lang: js, code: "'hi'" } }
                  env: { script: { lang: python, code: "1", allow: [environment, files] } }
                """);
        CliRun run = CliRun.of("--dry-run", job.toString());
        assertTrue(run.stdout().contains("shout  on default, js script (inline), sandboxed"), run.stdout());
        assertTrue(run.stdout().contains("env    on default, python script (inline), allowed environment, files"),
                run.stdout());
    }

    @Test
    void seedPrimesExampleCountsTheSameOnOneThreadTwoThreadsAndTwoWorkerJvms() {
        CliRun run = CliRun.of("jobs/primes-script.yaml", "--no-emoji");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(row(run, "processes[1000000]", "ok", "78498"), run.stdout());
        assertTrue(row(run, "check", "ok", "3 ways agree; 78498 primes below 1,000,000"), run.stdout());
        assertFalse(run.stderr().contains("WARNING"), run.stderr());
    }

    @Test
    void fileProcessorTotalsTheShellLinesInJavascript() {
        CliRun run = CliRun.of("jobs/file-processor.yaml", "--no-emoji");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(row(run, "totals", "ok", "{files=3, lines=8, words=86, characters=450}"), run.stdout());
        assertTrue(row(run, "summary", "ok", "Processed 3 files (analyze), 8 lines in all"), run.stdout());
    }

    @Test
    void aGrantReachesAScriptOnAProcessExecutorInBothSyntaxes() throws IOException {
        Path library = Files.writeString(directory.resolve("lib.js"), "var loaded = 'loaded in a worker';");
        CliRun yaml = run("granted.yaml", """
                executors: { workers: { processes: 1 } }
                tasks:
                  load: { on: workers, script: { lang: js, code: "load('LIB'); loaded", allow: [files] } }
                """.replace("LIB", library.toString()), "--no-emoji");
        assertEquals(0, yaml.exitCode(), yaml.stdout() + yaml.stderr());
        assertTrue(row(yaml, "load", "ok", "loaded in a worker"), yaml.stdout());
        CliRun groovy = run("granted.groovy", """
                executor 'workers', processes(1)
                task 'load', on: 'workers', script('js', "load('LIB'); loaded", allow: ['files'])
                """.replace("LIB", library.toString()), "--no-emoji");
        assertEquals(0, groovy.exitCode(), groovy.stdout() + groovy.stderr());
        assertTrue(row(groovy, "load", "ok", "loaded in a worker"), groovy.stdout());
    }
}
