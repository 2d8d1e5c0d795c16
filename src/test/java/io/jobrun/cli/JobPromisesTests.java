package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    private static final String BIG_YAML = """
            tasks:
              big:
                script: { lang: python, code: "2 ** 70 + 1" }
              in-js:
                after: [big]
                script: { lang: js, code: "typeof results.big + ' ' + (results.big + 1n)" }
              in-python:
                after: [big]
                script: { lang: python, code: "type(results['big']).__name__ + ' ' + str(results['big'] + 1)" }
              in-shell:
                after: [big]
                shell: echo ${results.big}
            """;

    private static final String BIG_GROOVY = """
            task 'big', script('python', '2 ** 70 + 1')
            task 'in-js', after: ['big'], script('js', "typeof results.big + ' ' + (results.big + 1n)")
            task 'in-python', after: ['big'], script('python', "type(results['big']).__name__ + ' ' + str(results['big'] + 1)")
            task 'in-shell', after: ['big'], shell('echo ${results.big}')
            task 'in-groovy', after: ['big'], { "${results.big.getClass().simpleName} ${results.big + 1}" }
            """;

    @Test
    @Timeout(240)
    void aBigIntegerStaysExactBetweenTasksAndLanguagesInYaml() throws IOException {
        assertBigIntegerStaysExact(run("big.yaml", BIG_YAML));
    }

    @Test
    @Timeout(240)
    void aBigIntegerStaysExactBetweenTasksAndLanguagesInGroovy() throws IOException {
        CliRun run = run("big.groovy", BIG_GROOVY);
        assertBigIntegerStaysExact(run);
        assertRow(run.stdout(), "in-groovy", "BigInteger 1180591620717411303426");
    }

    private static void assertBigIntegerStaysExact(CliRun run) {
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertRow(run.stdout(), "big", "1180591620717411303425");
        assertRow(run.stdout(), "in-js", "bigint 1180591620717411303426");
        assertRow(run.stdout(), "in-python", "int 1180591620717411303426");
        assertRow(run.stdout(), "in-shell", "1180591620717411303425");
    }

    private static void assertRow(String stdout, String task, String result) {
        Pattern row = Pattern.compile("(?m)^\\S*\\s+" + Pattern.quote(task) + "\\s+\\S+\\s+ok\\s+1\\s+\\S+\\s+"
                + Pattern.quote(result) + "$");
        assertTrue(row.matcher(stdout).find(), () -> "no row '" + task + "' ok with '" + result + "' in:\n" + stdout);
    }

    /** The example: {@code each} processes the files that {@code create} made. */
    private String globYaml() {
        return """
                tasks:
                  create:
                    shell: mkdir -p DIR/out && touch DIR/out/a.txt DIR/out/b.txt DIR/out/c.log
                  each:
                    after: [create]
                    foreach: { glob: "DIR/out/*.txt" }
                    shell: echo "processed ${item}"
                """.replace("DIR", directory.toString());
    }

    private String globGroovy() {
        return """
                task 'create', shell('mkdir -p DIR/out && touch DIR/out/a.txt DIR/out/b.txt DIR/out/c.log')
                map 'each', after: ['create'], over: files('DIR/out/*.txt'), shell('echo "processed ${item}"')
                """.replace("DIR", directory.toString());
    }

    @Test
    void aGlobIsReadWhenTheTaskIsReadyInYaml() throws IOException {
        assertTheGlobSawTheNewFiles(run("glob.yaml", globYaml()));
    }

    @Test
    void aGlobIsReadWhenTheTaskIsReadyInGroovy() throws IOException {
        assertTheGlobSawTheNewFiles(run("glob.groovy", globGroovy()));
    }

    private void assertTheGlobSawTheNewFiles(CliRun run) {
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertStatus(run.stdout(), "each[a.txt]", "ok");
        assertStatus(run.stdout(), "each[b.txt]", "ok");
        assertTrue(run.stdout().contains("3 tasks: 3 ok"), run.stdout());
    }

    @Test
    void theDryRunShowsAGlobAsReadWhenReadyInBothSyntaxes() throws IOException {
        for (CliRun run : List.of(run("glob.yaml", globYaml(), "--dry-run"),
                run("glob.groovy", globGroovy(), "--dry-run"))) {
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(run.stdout().contains("over files matching " + directory + "/out/*.txt, read when ready"),
                    run.stdout());
        }
        assertTrue(!Files.exists(directory.resolve("out")), "the dry run ran nothing");
    }

    @Test
    void aForeachOverTheResultOfATaskInBothSyntaxes() throws IOException {
        CliRun yaml = run("result.yaml", """
                tasks:
                  list:
                    script: { lang: js, code: "['x', 'y']" }
                  each:
                    foreach: { result: list }
                    shell: echo "item ${item}"
                """);
        CliRun groovy = run("result.groovy", """
                task 'list', { ['x', 'y'] }
                map 'each', over: resultOf('list'), shell('echo "item ${item}"')
                """);
        for (CliRun run : List.of(yaml, groovy)) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertRow(run.stdout(), "each[x]", "item x");
            assertRow(run.stdout(), "each[y]", "item y");
        }
    }

    @Test
    void aForeachOverAShellTasksOutputRunsOncePerNonBlankLineInBothSyntaxes() throws IOException {
        CliRun yaml = run("lines.yaml", """
                tasks:
                  list:
                    shell: printf 'a\\n\\n  b c  \\n'
                  each:
                    foreach: { result: list }
                    shell: echo "item ${item}"
                """);
        CliRun groovy = run("lines.groovy", """
                task 'list', shell("printf 'a\\\\n\\\\n  b c  \\\\n'")
                map 'each', over: resultOf('list'), shell('echo "item ${item}"')
                """);
        for (CliRun run : List.of(yaml, groovy)) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertRow(run.stdout(), "each[a]", "item a");
            assertRow(run.stdout(), "each[b c]", "item b c");
            assertTrue(run.stdout().contains("3 tasks: 3 ok"), run.stdout());
        }
    }

    @Test
    void aRangesBoundsMayComeFromParametersInBothSyntaxes() throws IOException {
        CliRun yaml = run("range.yaml", """
                params: { n: 5 }
                tasks:
                  each:
                    foreach: { range: [1, "${params.n}"] }
                    shell: echo "item ${item}"
                """, "-p", "n=3");
        CliRun groovy = run("range.groovy", """
                params n: 5
                map 'each', over: 1..<params.n, shell('echo "item ${item}"')
                """, "-p", "n=3");
        for (CliRun run : List.of(yaml, groovy)) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertRow(run.stdout(), "each[1]", "item 1");
            assertRow(run.stdout(), "each[2]", "item 2");
            assertTrue(run.stdout().contains("2 tasks: 2 ok"), run.stdout());
        }
    }

    @Test
    void aMatrixRunsEveryCombinationNamedByItsValuesInBothSyntaxes() throws IOException {
        CliRun yaml = run("matrix.yaml", """
                tasks:
                  test:
                    foreach: { matrix: { os: [linux, mac], py: ["3.11", "3.12"] } }
                    shell: echo "on ${item.os} with ${item.py}"
                  listed:
                    foreach: [{ os: bsd, py: "2.7" }]
                    shell: echo "on ${item.os} with ${item.py}"
                  total:
                    after: [test]
                    shell: echo "${results.test.size()} combinations"
                """);
        CliRun groovy = run("matrix.groovy", """
                map 'test', over: matrix(os: ['linux', 'mac'], py: ['3.11', '3.12']), shell('echo "on ${item.os} with ${item.py}"')
                map 'listed', over: [[os: 'bsd', py: '2.7']], shell('echo "on ${item.os} with ${item.py}"')
                task 'total', after: ['test'], shell('echo "${results.test.size()} combinations"')
                """);
        for (CliRun run : List.of(yaml, groovy)) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertRow(run.stdout(), "test[linux, 3.11]", "on linux with 3.11");
            assertRow(run.stdout(), "test[linux, 3.12]", "on linux with 3.12");
            assertRow(run.stdout(), "test[mac, 3.11]", "on mac with 3.11");
            assertRow(run.stdout(), "test[mac, 3.12]", "on mac with 3.12");
            assertRow(run.stdout(), "listed[bsd, 2.7]", "on bsd with 2.7");
            assertRow(run.stdout(), "total", "4 combinations");
            assertTrue(run.stdout().contains("6 tasks: 6 ok"), run.stdout());
        }
    }

    @Test
    void aParameterInAnItemIsItsValueInBothSyntaxes() throws IOException {
        CliRun yaml = run("items.yaml", """
                params: { os: linux }
                tasks:
                  listed:
                    foreach: ["${params.os}-x64", { os: "${params.os}" }]
                    shell: echo "on ${item}"
                  test:
                    foreach: { matrix: { os: ["${params.os}"], py: ["3.12"] } }
                    shell: echo "on ${item.os}"
                """, "-p", "os=mac");
        CliRun groovy = run("items.groovy", """
                params os: 'linux'
                map 'listed', over: ["${params.os}-x64", [os: "${params.os}"]], shell('echo "on ${item}"')
                map 'test', over: matrix(os: [params.os], py: ['3.12']), shell('echo "on ${item.os}"')
                """, "-p", "os=mac");
        for (CliRun run : List.of(yaml, groovy)) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertRow(run.stdout(), "listed[mac-x64]", "on mac-x64");
            assertRow(run.stdout(), "listed[mac]", "on os=mac");
            assertRow(run.stdout(), "test[mac, 3.12]", "on mac");
        }
    }

    /** In Groovy code, as in a YAML template and the report, a shell task's result is the text it printed. */
    @Test
    void groovyCodeReadsAShellTasksResultAsItsTextOnThreadsAndInWorkers() throws IOException {
        CliRun run = run("text.groovy", """
                executor 'cpu', processes(1)
                task 'build', shell('echo v1.2.3')
                map 'each', over: [1, 2], shell('echo item-${item}')
                task('equal', after: 'build') { results.build == 'v1.2.3' }
                task('trimmed', after: 'build') { 'release-' + results.build.trim().toUpperCase() }
                task('joined', after: 'each') { results.each.join('+') }
                task('inWorker', on: 'cpu', after: 'build') { results.build == 'v1.2.3' }
                task('fetch', shell('echo body')).then('shout') { body -> body.toUpperCase() }
                onSuccess { r -> println "callback: ${r.results.build.size()} ${r.tasks.find { it.name == 'build' }.result == 'v1.2.3'}" }
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertRow(run.stdout(), "equal", "true");
        assertRow(run.stdout(), "trimmed", "release-V1.2.3");
        assertRow(run.stdout(), "joined", "item-1+item-2");
        assertRow(run.stdout(), "inWorker", "true");
        assertRow(run.stdout(), "shout", "BODY");
        assertTrue(run.stdout().contains("callback: 6 true"), run.stdout());
    }

    /** Groovy's assert explains itself with a diagram of each value; the failure block keeps it, line by line. */
    @Test
    void aFailedGroovyAssertShowsItsDiagramOnThreadsAndInWorkers() throws IOException {
        CliRun run = run("assert.groovy", """
                executor 'cpu', processes(1)
                task 'here', { def xs = [1, 2]; assert xs.size() == 3 }
                task 'there', on: 'cpu', { def xs = [1, 2]; assert xs.size() == 3 }
                """, "--quiet");
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        for (String task : List.of("here", "there")) {
            int line = task.equals("here") ? 2 : 3;
            String block = "failed (defined at " + directory.resolve("assert.groovy") + ":" + line + ":1)\n"
                    + "    error: " + directory.resolve("assert.groovy") + ":" + line + ": assertion failed\n"
                    + "      | assert xs.size() == 3\n"
                    + "      |        |  |      |\n"
                    + "      |        |  2      false\n"
                    + "      |        [1, 2]\n";
            assertTrue(run.stdout().contains(task + " " + block), run.stdout());
        }
    }

    @Test
    void aFanOutWithNoItemsIsNamedUnderTheTotalsInBothSyntaxes() throws IOException {
        CliRun yaml = run("none.yaml", """
                tasks:
                  each:
                    foreach: { glob: "DIR/none/*.txt" }
                    shell: echo "processed ${item}"
                  written:
                    foreach: []
                    shell: echo "${item}"
                  some:
                    foreach: [1]
                    shell: echo "${item}"
                """.replace("DIR", directory.toString()));
        CliRun groovy = run("none.groovy", """
                map 'each', over: files('DIR/none/*.txt'), shell('echo "processed ${item}"')
                map 'written', over: [], shell('echo "${item}"')
                map 'some', over: [1], shell('echo "${item}"')
                """.replace("DIR", directory.toString()));
        for (CliRun run : List.of(yaml, groovy)) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            String afterTotals = run.stdout().substring(run.stdout().indexOf("1 task: 1 ok"));
            assertEquals(List.of("each had no items, so it ran nothing (over files matching " + directory
                    + "/none/*.txt)", "written had no items, so it ran nothing"),
                    afterTotals.lines().filter(line -> line.contains("no items")).toList(), run.stdout());
        }
    }
}
