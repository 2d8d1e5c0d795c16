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
 * Job files written to break the reader rather than to run, beyond the one-file fixtures of {@link BadJobFileTests}:
 * what they do to the files checked with them, and YAML text that only looks like a tag.
 */
class HostileJobFileTests {
    private static final String DEEP_YAML = "src/test/resources/bad-jobs-yaml/nested-too-deep.yaml";
    private static final String DEEP_GROOVY = "src/test/resources/bad-jobs/nested-too-deep.groovy";

    @TempDir
    Path temp;

    @Test
    void deeplyNestedFilesDoNotEndACheckOfSeveralFiles() {
        CliRun run = CliRun.of("--check", DEEP_YAML, "jobs/hello.yaml", DEEP_GROOVY, "jobs/hello.groovy");
        assertEquals("jobs/hello.yaml: ok\njobs/hello.groovy: ok\n", run.stdout());
        assertTrue(run.stderr().startsWith(DEEP_YAML + ":4:61: nested more than 50 levels deep here"), run.stderr());
        assertTrue(run.stderr().contains("\n" + DEEP_GROOVY + ":3:54: nested more than 50 levels deep here"),
                run.stderr());
        assertEquals(2, run.exitCode());
    }

    @Test
    void theNestingLimitIsFiftyLevelsInBothSyntaxes() throws IOException {
        // the job's map, tasks: and the task are three levels, so 47 lists make fifty
        CliRun yaml = CliRun.of("--check", yamlNested(47).toString());
        assertFalse(yaml.stderr().contains("nested more than"), yaml.stderr());
        Path deeper = yamlNested(48);
        assertTrue(CliRun.of("--check", deeper.toString()).stderr().startsWith(deeper + ":3:61: nested more than 50 "
                + "levels deep here"));
        // the task's closure is one level, so 49 parentheses make fifty
        Path groovy = groovyNested(49);
        assertEquals(groovy + ": ok\n", CliRun.of("--check", groovy.toString()).stdout());
        Path deeperGroovy = groovyNested(50);
        assertTrue(CliRun.of("--check", deeperGroovy.toString()).stderr().startsWith(deeperGroovy + ":1:62: nested "
                + "more than 50 levels deep here"));
    }

    @Test
    void bracketsInGroovyStringsAndCommentsDoNotCountAsNesting() throws IOException {
        String many = "(".repeat(100);
        Path groovy = Files.writeString(temp.resolve("strings.groovy"), String.join("\n",
                "// " + many,
                "/* " + many + " */",
                "def single = '" + many + "'",
                "def triple = \"\"\"" + many + " ${ [1].collect { \"${it}\" } } \"\"\"",
                "def slashy = ~/" + "\\(".repeat(100) + "/",
                "def dollarSlashy = $/" + many + "/$",
                "task 't', { single + triple + dollarSlashy }", ""));
        CliRun run = CliRun.of("--check", groovy.toString());
        assertEquals(groovy + ": ok\n", run.stdout(), run.stderr());
    }

    @Test
    void aByteOrderMarkIsAcceptedInBothSyntaxes() throws IOException {
        Path groovy = Files.writeString(temp.resolve("bom.groovy"), "\uFEFFtask 't', { 1 }\n");
        Path yaml = Files.writeString(temp.resolve("bom.yaml"), "\uFEFFtasks:\n  t: { shell: 'true' }\n");
        CliRun run = CliRun.of("--check", groovy.toString(), yaml.toString());
        assertEquals(groovy + ": ok\n" + yaml + ": ok\n", run.stdout(), run.stderr());
    }

    private Path yamlNested(int lists) throws IOException {
        return Files.writeString(temp.resolve("nested-" + lists + ".yaml"), "tasks:\n  t:\n    foreach: "
                + "[".repeat(lists) + "x" + "]".repeat(lists) + "\n    shell: 'true'\n");
    }

    private Path groovyNested(int parentheses) throws IOException {
        return Files.writeString(temp.resolve("nested-" + parentheses + ".groovy"), "task 't', { "
                + "(".repeat(parentheses) + "1" + ")".repeat(parentheses) + " }\n");
    }

    @Test
    void aPlainDollarBraceInYamlIsTextNotAnEnvironmentVariableTag() throws IOException {
        Path job = Files.writeString(temp.resolve("plain.yaml"), "tasks:\n  run:\n    foreach: ['true']\n"
                + "    shell: ${item}\n");
        CliRun check = CliRun.of("--check", job.toString());
        assertEquals(job + ": ok\n", check.stdout(), check.stderr());
        CliRun run = CliRun.of(job.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
    }
}
