package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.dsl.groovy.GroovyJobLoader;
import io.jobrun.dsl.yaml.YamlJobLoader;
import io.jobrun.job.JobFront;
import io.jobrun.job.LoadedJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The front that reads a job file is chosen by the file's ending alone, from the registry of fronts. */
class FrontChoiceTests {
    private static final String YAML_JOB = "tasks:\n  say: { shell: echo from-yaml }\n";
    private static final String GROOVY_JOB = "task 'say', shell('echo from-groovy')\n";

    @TempDir
    Path temp;

    @Test
    void aGroovyEndingPicksTheGroovyFront() {
        assertInstanceOf(GroovyJobLoader.class, Fronts.STANDARD.forFile("jobs/build.groovy"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jobs/build.yaml", "jobs/build.yml"})
    void bothYamlEndingsPickTheYamlFront(String name) {
        assertInstanceOf(YamlJobLoader.class, Fronts.STANDARD.forFile(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jobs/build.json", "jobs/build", "jobs/build.groovy.bak", "jobs/buildgroovy"})
    void anotherEndingPicksNoFront(String name) {
        assertNull(Fronts.STANDARD.forFile(name));
    }

    @Test
    void theEndingsNamedInTheRefusalAreTheRegisteredOnes() {
        assertEquals(".groovy, .yaml or .yml", Fronts.STANDARD.endings());
        Fronts one = new Fronts(List.of(new NamedFront(".toml")));
        assertEquals(".toml", one.endings());
    }

    @Test
    void aFrontAddedToTheRegistryIsChosenForItsEnding() {
        NamedFront toml = new NamedFront(".toml");
        Fronts fronts = new Fronts(List.of(new GroovyJobLoader(), toml));
        assertSame(toml, fronts.forFile("jobs/build.toml"));
        assertEquals(".groovy or .toml", fronts.endings());
    }

    @ParameterizedTest
    @ValueSource(strings = {"say.yaml", "say.yml"})
    void aYamlFileRunsWithTheYamlFront(String name) throws IOException {
        CliRun run = CliRun.ofFile(temp, name, YAML_JOB);
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("from-yaml"), run.stdout());
    }

    @Test
    void aGroovyFileRunsWithTheGroovyFront() throws IOException {
        CliRun run = CliRun.ofFile(temp, "say.groovy", GROOVY_JOB);
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("from-groovy"), run.stdout());
    }

    @Test
    void theEndingDecidesNotTheContent() throws IOException {
        // YAML text in a .groovy file is read as Groovy, so it is a Groovy error, not a run
        CliRun run = CliRun.ofFile(temp, "say.groovy", YAML_JOB);
        assertEquals(2, run.exitCode(), run.stdout());
        assertTrue(run.stderr().startsWith(temp.resolve("say.groovy") + ":"), run.stderr());
    }

    @Test
    void anUnknownEndingIsRefusedWithExit2AndTheKnownEndings() throws IOException {
        CliRun run = CliRun.ofFile(temp, "say.toml", YAML_JOB);
        assertEquals(2, run.exitCode());
        assertEquals("", run.stdout());
        assertEquals("jobrun: " + temp.resolve("say.toml") + ": not a job file this build reads (expected a .groovy, "
                + ".yaml or .yml file)\n", run.stderr());
    }

    /** A front that reads nothing, to show that the registry decides. */
    private record NamedFront(String ending) implements JobFront {
        @Override
        public List<String> extensions() {
            return List.of(ending);
        }

        @Override
        public LoadedJob load(Request request) {
            throw new UnsupportedOperationException("never loaded in these tests");
        }
    }
}
