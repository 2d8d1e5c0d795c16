package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One fixture per error message: each bad job file is rejected with exactly its .err text, exit 2, nothing run. */
class BadJobFileTests {
    private static final Path FIXTURES = Path.of("src/test/resources/bad-jobs");

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(Path::toString).filter(name -> name.endsWith(".groovy")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void badJobFileIsRejectedWithItsExactMessageBeforeAnythingRuns(String fixture) throws IOException {
        String expected = Files.readString(Path.of(fixture.replace(".groovy", ".err")));
        CliRun run = CliRun.of(fixture);
        assertEquals(expected, run.stderr());
        assertEquals("", run.stdout(), "nothing ran, nothing printed");
        assertEquals(2, run.exitCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void noGroovyInternalsReachTheUser(String fixture) {
        String stderr = CliRun.of(fixture).stderr();
        for (String internal : new String[] {"MissingMethodException", "MissingPropertyException", "_run_closure",
            "org.codehaus", "groovy.lang", "\tat "}) {
            assertFalse(stderr.contains(internal), () -> internal + " leaked: " + stderr);
        }
    }
}
