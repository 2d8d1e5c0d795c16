package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -p name=value} sets a parameter the job declares, and is refused for any other name in both syntaxes. */
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
}
