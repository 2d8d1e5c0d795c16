package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -p name=value} sets a parameter the job declares, as a value of its default's type, and is refused for any
 * other name or a value of another type, in both syntaxes.
 */
class ParameterTests {
    private static final String GROOVY = """
            params mode: 'copy', dir: 'data'
            task 'show', shell('echo ${params.mode} > ran.txt')
            """;
    private static final String YAML = """
            params: { mode: copy, dir: data }
            tasks:
              show: { shell: "echo ${params.mode} > ran.txt" }
            """;

    @TempDir
    Path dir;

    private void assertATypoIsRefusedWithTheDeclaredNames(String name, String text) throws IOException {
        CliRun run = CliRun.ofFile(dir, name, text.replace("ran.txt", dir.resolve("ran.txt").toString()), "-p",
                "mdoe=transform");
        assertEquals(2, run.exitCode(), run.stdout());
        assertEquals(dir.resolve(name) + ": -p mdoe: the job has no parameter 'mdoe' (it declares dir, mode)"
                + " (did you mean 'mode'?)\njobrun: 1 problem in " + dir.resolve(name) + "; nothing ran\n",
                run.stderr());
        assertEquals("", run.stdout());
        assertFalse(dir.resolve("ran.txt").toFile().exists(), "nothing ran");
    }

    @Test
    void anUndeclaredParameterIsRefusedWithTheDeclaredNamesAndADidYouMeanInGroovy() throws IOException {
        assertATypoIsRefusedWithTheDeclaredNames("job.groovy", GROOVY);
    }

    @Test
    void anUndeclaredParameterIsRefusedWithTheDeclaredNamesAndADidYouMeanInYaml() throws IOException {
        assertATypoIsRefusedWithTheDeclaredNames("job.yaml", YAML);
    }

    @Test
    void aDeclaredParameterIsTakenInBothSyntaxes() throws IOException {
        for (String[] job : new String[][] {{"job.groovy", GROOVY}, {"job.yaml", YAML}}) {
            CliRun run = CliRun.ofFile(dir, job[0], job[1].replace("ran.txt", dir.resolve("ran.txt").toString()),
                    "-p", "mode=transform");
            assertEquals(0, run.exitCode(), run.stderr());
            assertEquals("transform\n", java.nio.file.Files.readString(dir.resolve("ran.txt")), job[0]);
        }
    }

    /** Typed parameters: each read by code (a closure here) and by a template (the shell command). */
    private static final String TYPED_GROOVY = """
            params n: 3, flag: false, rate: 1.5, name: 'w'
            task('code') { new File('OUT/code.txt').text = "${params.n + 1} ${params.flag ? 'on' : 'off'} ${params.rate * 2} ${params.name}" }
            task 'template', shell('echo ${params.n} ${params.flag} > OUT/template.txt')
            """;
    private static final String TYPED_YAML = """
            params: { n: 3, flag: false, rate: 1.5, name: w }
            tasks:
              template: { shell: "echo ${params.n} ${params.flag} > OUT/template.txt" }
            """;

    private CliRun typed(String name, String text, String... params) throws IOException {
        return CliRun.ofFile(dir, name, text.replace("OUT", dir.toString()), params);
    }

    @Test
    void groovyCodeReadsEachParameterAsAValueOfItsDefaultsType() throws IOException {
        CliRun defaults = typed("job.groovy", TYPED_GROOVY);
        assertEquals(0, defaults.exitCode(), defaults.stderr());
        assertEquals("4 off 3.0 w", Files.readString(dir.resolve("code.txt")), "a false default is false, not 'false'");
        CliRun given = typed("job.groovy", TYPED_GROOVY, "-p", "n=007", "-p", "flag=FALSE", "-p", "rate=2",
                "-p", "name=x");
        assertEquals(0, given.exitCode(), given.stderr());
        assertEquals("8 off 4 x", Files.readString(dir.resolve("code.txt")), "-p flag=false is false, not 'false'");
    }

    @Test
    void aTemplateReadsTheTextOfTheParametersValueInBothSyntaxes() throws IOException {
        for (String[] job : new String[][] {{"job.groovy", TYPED_GROOVY}, {"job.yaml", TYPED_YAML}}) {
            CliRun run = typed(job[0], job[1], "-p", "n=007", "-p", "flag=FALSE", "template");
            assertEquals(0, run.exitCode(), run.stderr());
            assertEquals("7 false\n", Files.readString(dir.resolve("template.txt")), job[0]);
        }
    }

    @Test
    void aTaskDeclaredUnderAFalseParameterIsNotDeclared() throws IOException {
        String job = """
                params deploy: false
                task 'build', { 'built' }
                if (params.deploy) {
                    task 'deploy', after: 'build', { 'deployed' }
                }
                """;
        CliRun off = CliRun.ofFile(dir, "job.groovy", job, "--list");
        assertFalse(off.stdout().contains("deploy  code"), off.stdout());
        CliRun on = CliRun.ofFile(dir, "job.groovy", job, "--list", "-p", "deploy=true");
        assertTrue(on.stdout().contains("deploy  code"), on.stdout());
    }

    @Test
    void aScriptReadsEachParameterAsAValueOfItsDefaultsType() throws IOException {
        String job = """
                params: { n: 3, flag: false }
                tasks:
                  js: { script: { lang: js, code: "(params.n + 1) + ' ' + (params.flag ? 'on' : 'off')" } }
                  py: { script: { lang: python, code: "def twice(n): return n * 2", call: twice, args: ["${params.n}"] } }
                """;
        CliRun run = CliRun.ofFile(dir, "job.yaml", job, "-p", "n=5", "-p", "flag=false", "--results");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("  js:\n    6 off\n"), run.stdout());
        assertTrue(run.stdout().contains("  py:\n    10\n"), run.stdout());
    }

    @Test
    void aValueNotOfTheParametersTypeIsRefusedAtItsDefaultInBothSyntaxes() throws IOException {
        String[][] jobs = {{"job.groovy", "params n: 3, flag: false, rate: 1.5\ntask 'show', shell('touch ran.txt')\n",
                "1:11", "1:20", "1:33"},
                {"job.yaml", "params:\n  n: 3\n  flag: false\n  rate: 1.5\ntasks:\n  show: { shell: touch ran.txt }\n",
                "2:6", "3:9", "4:9"}};
        for (String[] job : jobs) {
            CliRun run = CliRun.ofFile(dir, job[0], job[1].replace("ran.txt", dir.resolve("ran.txt").toString()),
                    "-p", "n=three", "-p", "flag=yes", "-p", "rate=1,5");
            Path file = dir.resolve(job[0]);
            assertEquals(2, run.exitCode(), run.stdout());
            assertEquals(file + ":" + job[2] + ": -p n: parameter 'n' takes a whole number, like its default (3)\n"
                    + file + ":" + job[3] + ": -p flag: parameter 'flag' takes true or false, like its default (false)\n"
                    + file + ":" + job[4] + ": -p rate: parameter 'rate' takes a number, like its default (1.5)\n"
                    + "jobrun: 3 problems in " + file + "; nothing ran\n", run.stderr());
            assertFalse(Files.exists(dir.resolve("ran.txt")), "nothing ran");
        }
    }
}
