package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every job under jobs/ runs green, with no network beyond localhost. */
@Timeout(120)
class ExampleJobsTests {
    static Stream<String> jobs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("jobs"))) {
            return files.map(Path::toString).filter(name -> name.endsWith(".groovy")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobs")
    void exampleJobRunsGreen(String job) {
        CliRun run = CliRun.of(job);
        assertEquals(0, run.exitCode(), () -> run.stdout() + run.stderr());
        assertTrue(run.stdout().contains(" ok"), run.stdout());
    }

    @Test
    void helloGreetsEveryoneConcurrently() {
        CliRun run = CliRun.of("jobs/hello.groovy", "--quiet");
        assertEquals("""
                Greeted everyone in 0.00s

                4 tasks: 4 ok
                Wall time: 0.00s   Task time: 0.00s   Speed up: n/a   Throughput: n/a
                """, run.stdout());
    }

    @Test
    void futuresSubmittedInTheScriptAppearInTheReport() {
        CliRun run = CliRun.of("jobs/map-as-completed.groovy");
        for (String symbol : new String[] {"AAPL", "GOOG", "MSFT", "TSLA"}) {
            assertTrue(run.stdout().contains("[ok]  price " + symbol), run.stdout());
        }
    }

    @Test
    void fileProcessorTransformsWhenAsked() throws IOException {
        Path out = Files.createTempDirectory("transformed");
        CliRun run = CliRun.of("jobs/file-processor.groovy", "-p", "mode=transform", "-p", "out=" + out);
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(Files.readString(out.resolve("haiku.txt")).startsWith("THREADS WAIT ON THE PIPE"));
    }

    @Test
    void timeoutsExampleReportsItsTimeoutAndCancellations() {
        CliRun run = CliRun.of("jobs/timeouts.groovy");
        assertTrue(run.stdout().contains("timeout (optional)"), run.stdout());
        assertTrue(run.stdout().contains("Future 2 cancelled: true"), run.stdout());
        assertTrue(run.stdout().contains("[cancelled]  long 3"), run.stdout());
    }
}
