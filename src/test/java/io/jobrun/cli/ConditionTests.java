package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A task's {@code when:}, in both syntaxes: false skips it and the tasks after it, as meant, failing nothing. */
@Timeout(120)
class ConditionTests {
    @TempDir
    java.nio.file.Path directory;

    private static final String DEPLOY_YAML = """
            params: { deploy: false }
            tasks:
              build: { shell: echo built }
              deploy: { after: [build], when: "${params.deploy}", shell: echo deployed }
              notify: { after: [deploy], shell: echo told }
              report: { after: [build], shell: echo reported }
            """;

    private static final String DEPLOY_GROOVY = """
            params deploy: false
            task 'build', shell('echo built')
            task 'deploy', after: 'build', when: params.deploy, shell('echo deployed')
            task 'notify', after: 'deploy', shell('echo told')
            task 'report', after: 'build', shell('echo reported')
            """;

    private CliRun run(String name, String text, String... extra) throws IOException {
        return CliRun.ofFile(directory, name, text, extra);
    }

    private static void assertRow(String stdout, String task, String status, String result) {
        Pattern row = Pattern.compile("(?m)^\\S*\\s+" + Pattern.quote(task) + "\\s+\\S+\\s+" + Pattern.quote(status)
                + "\\s+\\d+\\s+\\S+\\s+" + Pattern.quote(result) + "$");
        assertTrue(row.matcher(stdout).find(), () -> "no row '" + task + "' " + status + " with '" + result + "' in:\n"
                + stdout);
    }

    @Test
    void aFalseConditionSkipsItsTaskAndTheTasksAfterItAndTheRunSucceedsInBothSyntaxes() throws IOException {
        for (CliRun run : List.of(run("deploy.yaml", DEPLOY_YAML), run("deploy.groovy", DEPLOY_GROOVY))) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertRow(run.stdout(), "build", "ok", "built");
            assertRow(run.stdout(), "report", "ok", "reported");
            assertTrue(run.stdout().contains("4 tasks: 2 ok, 2 skipped"), run.stdout());
            assertTrue(Pattern.compile("(?m)^\\S*\\s+deploy\\s+\\S+\\s+skipped\\s+0\\s+\\S+\\s+when: ").matcher(
                    run.stdout()).find(), run.stdout());
            assertTrue(run.stdout().contains("skipped because 'deploy' was skipped (when: "), run.stdout());
        }
        assertTrue(run("deploy.yaml", DEPLOY_YAML).stdout().contains("when: ${params.deploy} is false"));
        assertTrue(run("deploy.groovy", DEPLOY_GROOVY).stdout().contains("when: params.deploy is false"));
    }

    /** Groovy works a condition out while the file loads; the skip says what the file wrote, on every run. */
    @Test
    void aGroovyConditionWorkedOutWhileLoadingIsShownAsWrittenAlsoFromTheCompiledFileCache() throws IOException {
        String job = """
                params env: 'dev'
                task 'prod', when: params.env == 'prod' &&
                        !params.env.empty, shell('echo deployed')
                """;
        for (int run = 0; run < 2; run++) {
            CliRun done = run("prod.groovy", job);
            assertEquals(0, done.exitCode(), done.stdout() + done.stderr());
            assertRow(done.stdout(), "prod", "skipped", "when: params.env == 'prod' && !params.env.empty is false");
        }
    }

    @Test
    void theDryRunShowsACondition() throws IOException {
        CliRun run = run("deploy.yaml", DEPLOY_YAML, "--dry-run");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(Pattern.compile("(?m)^  deploy .*, after build, when \\$\\{params.deploy\\}$").matcher(run.stdout())
                .find(), run.stdout());
    }

    @Test
    void aTrueConditionRunsItsTaskInBothSyntaxes() throws IOException {
        for (CliRun run : List.of(run("deploy.yaml", DEPLOY_YAML, "-p", "deploy=true"),
                run("deploy.groovy", DEPLOY_GROOVY, "-p", "deploy=true"))) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertRow(run.stdout(), "deploy", "ok", "deployed");
            assertRow(run.stdout(), "notify", "ok", "told");
            assertTrue(run.stdout().contains("4 tasks: 4 ok"), run.stdout());
        }
    }

    /** A shell task that prints true or false decides, as a step's output decides a later job in a CI workflow. */
    @Test
    void aConditionReadsTheResultOfATaskItRunsAfterInBothSyntaxes() throws IOException {
        CliRun yaml = run("check.yaml", """
                tasks:
                  changed: { shell: echo true }
                  unchanged: { shell: echo FALSE }
                  publish: { after: [changed], when: "${results.changed}", shell: echo published }
                  rebuild: { after: [unchanged], when: "${results.unchanged}", shell: echo rebuilt }
                """);
        CliRun groovy = run("check.groovy", """
                task 'changed', shell('echo true')
                task 'unchanged', shell('echo FALSE')
                task 'publish', after: 'changed', when: '${results.changed}', shell('echo published')
                task 'rebuild', after: 'unchanged', when: '${results.unchanged}', shell('echo rebuilt')
                """);
        for (CliRun run : List.of(yaml, groovy)) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertRow(run.stdout(), "publish", "ok", "published");
            assertRow(run.stdout(), "rebuild", "skipped", "when: ${results.unchanged} is false");
        }
    }

    @Test
    void aConditionThatIsNeitherTrueNorFalseFailsItsTaskAndTheRunInBothSyntaxes() throws IOException {
        CliRun yaml = run("maybe.yaml", """
                tasks:
                  check: { shell: echo maybe }
                  publish: { after: [check], when: "${results.check}", shell: echo published }
                """);
        CliRun groovy = run("maybe.groovy", """
                task 'check', shell('echo maybe')
                task 'publish', after: 'check', when: '${results.check}', shell('echo published')
                """);
        for (CliRun run : List.of(yaml, groovy)) {
            assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stdout().contains("when: ${results.check} is 'maybe'; a condition is true or false"),
                    run.stdout());
            assertTrue(!run.stdout().contains("published"), run.stdout());
        }
    }

    /** As a CI runner's {@code if:}: values compared as text, negated and joined, the same in both syntaxes. */
    @Test
    void aConditionComparesNegatesAndJoinsValuesInBothSyntaxes() throws IOException {
        String yaml = """
                params: { env: dev, dry: false }
                tasks:
                  check: { shell: echo ok }
                  deploy: { when: "${params.env} == prod", shell: echo deployed }
                  staging: { when: "${params.env} != prod && !${params.dry}", shell: echo staged }
                  either: { when: "${params.env} == prod || ${params.env} == 'dev'", shell: echo either }
                  passed: { after: [check], when: "${results.check} == ok", shell: echo passed }
                  dev: { when: "x${params.env} == xdev", shell: echo dev }
                """;
        String groovy = """
                params env: 'dev', dry: false
                task 'check', shell('echo ok')
                task 'deploy', when: '${params.env} == prod', shell('echo deployed')
                task 'staging', when: '${params.env} != prod && !${params.dry}', shell('echo staged')
                task 'either', when: "\\${params.env} == prod || \\${params.env} == 'dev'", shell('echo either')
                task 'passed', after: 'check', when: '${results.check} == ok', shell('echo passed')
                task 'dev', when: 'x${params.env} == xdev', shell('echo dev')
                """;
        for (CliRun run : List.of(run("env.yaml", yaml), run("env.groovy", groovy))) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertRow(run.stdout(), "deploy", "skipped", "when: ${params.env} == prod is false");
            assertRow(run.stdout(), "staging", "ok", "staged");
            assertRow(run.stdout(), "either", "ok", "either");
            assertRow(run.stdout(), "passed", "ok", "passed");
            assertRow(run.stdout(), "dev", "ok", "dev");
        }
        for (CliRun run : List.of(run("env.yaml", yaml, "-p", "env=prod", "-p", "dry=true"),
                run("env.groovy", groovy, "-p", "env=prod", "-p", "dry=true"))) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertRow(run.stdout(), "deploy", "ok", "deployed");
            assertRow(run.stdout(), "staging", "skipped", "when: ${params.env} != prod && !${params.dry} is false");
            assertRow(run.stdout(), "either", "ok", "either");
            assertRow(run.stdout(), "passed", "ok", "passed");
            assertRow(run.stdout(), "dev", "skipped", "when: x${params.env} == xdev is false");
        }
    }

    /** "Only in CI": on a machine without the variable the task is skipped, not failed, in both syntaxes. */
    @Test
    void anUnsetEnvironmentVariableInAConditionIsEmptyInBothSyntaxes() throws IOException {
        CliRun yaml = run("ci.yaml", """
                tasks:
                  publish: { when: "${env.JOBRUN_TEST_NEVER_SET} == true", shell: echo published }
                  local: { when: "!${env.JOBRUN_TEST_NEVER_SET}", shell: echo local }
                """);
        CliRun groovy = run("ci.groovy", """
                task 'publish', when: '${env.JOBRUN_TEST_NEVER_SET} == true', shell('echo published')
                task 'local', when: '!${env.JOBRUN_TEST_NEVER_SET}', shell('echo local')
                """);
        for (CliRun run : List.of(yaml, groovy)) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertRow(run.stdout(), "publish", "skipped", "when: ${env.JOBRUN_TEST_NEVER_SET} == true is false");
            assertRow(run.stdout(), "local", "ok", "local");
        }
    }

    /** A list compares as nothing: the task fails and says what the value was, rather than comparing its text. */
    @Test
    void aComparedListFailsItsTaskInBothSyntaxes() throws IOException {
        CliRun yaml = run("list.yaml", """
                tasks:
                  names: { foreach: [a, b], shell: "echo ${item}" }
                  use: { after: [names], when: "${results.names} == a", shell: echo used }
                """);
        CliRun groovy = run("list.groovy", """
                map 'names', over: ['a', 'b'], shell('echo ${item}')
                task 'use', after: 'names', when: '${results.names} == a', shell('echo used')
                """);
        for (CliRun run : List.of(yaml, groovy)) {
            assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stdout().contains("when: ${results.names} == a: ${results.names} is the list"), run.stdout());
            assertTrue(run.stdout().contains("; == and != compare text"), run.stdout());
        }
    }

    /** A skip as meant fails nothing, but it hides no failure: a task after a failed one and a skipped one fails. */
    @Test
    void aFailureBesideASkipAsMeantStillFailsTheRun() throws IOException {
        CliRun run = run("both.yaml", """
                tasks:
                  broken: { shell: exit 3 }
                  off: { when: false, shell: echo never }
                  last: { after: [off, broken], shell: echo never }
                """);
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertRow(run.stdout(), "off", "skipped", "when: false");
        assertTrue(run.stdout().contains("1 failed"), run.stdout());
    }
}
