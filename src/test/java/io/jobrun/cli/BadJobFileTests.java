package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus of both syntaxes, one fixture per error message: each broken job file is rejected with
 * exactly its .err text, exit 2, nothing run, no internals shown, and {@code --check} says the same.
 */
class BadJobFileTests {
    /**
     * A directory of fixtures of one syntax.
     *
     * @param alsoHidden what else its messages must never show: a YAML file runs no code, so no exception name at
     *                   all; a Groovy file's own code may fail, and its message then names what the code threw
     */
    private record Corpus(String directory, String ending, List<String> alsoHidden) {
    }

    private static final List<Corpus> CORPORA = List.of(
            new Corpus("src/test/resources/bad-jobs", ".groovy", List.of()),
            new Corpus("src/test/resources/bad-jobs-yaml", ".yaml", List.of("Exception:")));
    /** What must never reach a user: the parsers' and Groovy's internals, and stack frames. */
    private static final List<String> INTERNALS = List.of("MissingMethodException", "MissingPropertyException",
            "_run_closure", "org.codehaus", "groovy.lang", "org.snakeyaml", "java.lang.", "\tat ");

    static Stream<String> fixtures() throws IOException {
        List<String> all = new ArrayList<>();
        for (Corpus corpus : CORPORA) {
            try (Stream<Path> files = Files.list(Path.of(corpus.directory()))) {
                files.map(Path::toString).filter(name -> name.endsWith(corpus.ending())).sorted().forEach(all::add);
            }
        }
        return all.stream();
    }

    private static List<String> hiddenFrom(String fixture) {
        List<String> hidden = new ArrayList<>(INTERNALS);
        for (Corpus corpus : CORPORA) {
            if (fixture.endsWith(corpus.ending())) {
                hidden.addAll(corpus.alsoHidden());
            }
        }
        return hidden;
    }

    private static String expectedMessage(String fixture) throws IOException {
        return Files.readString(Path.of(fixture.substring(0, fixture.lastIndexOf('.')) + ".err"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void badJobFileIsRejectedWithItsExactMessageBeforeAnythingRuns(String fixture) throws IOException {
        CliRun run = CliRun.of(fixture);
        assertEquals(expectedMessage(fixture), run.stderr());
        assertEquals("", run.stdout(), "nothing ran, nothing printed");
        assertEquals(2, run.exitCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void noInternalsReachTheUser(String fixture) {
        String stderr = CliRun.of(fixture).stderr();
        for (String internal : hiddenFrom(fixture)) {
            assertFalse(stderr.contains(internal), () -> internal + " leaked: " + stderr);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void checkGivesTheSameProblemsAsARun(String fixture) throws IOException {
        CliRun check = CliRun.of("--check", fixture);
        assertEquals(expectedMessage(fixture), check.stderr());
        assertEquals(2, check.exitCode());
    }
}
