package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.report.ReportChecks;
import io.jobrun.report.TraceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every job under jobs/ runs green, with no network beyond localhost. */
@Timeout(300) // only a guard against a hang: a Python example takes two minutes on a loaded 2-core machine
class ExampleJobsTests {
    static Stream<String> jobs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("jobs"))) {
            return files.map(Path::toString).filter(name -> name.endsWith(".groovy")).sorted().toList().stream();
        }
    }

    @TempDir
    Path reports;

    /** Runs green, and leaves the four report files as their consumers read them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jobs")
    void exampleJobRunsGreen(String job) throws IOException {
        CliRun run = CliRun.of(job, "--report", "json=" + reports.resolve("run.json"), "--report", "junit="
                + reports.resolve("junit.xml"), "--report", "trace=" + reports.resolve("trace.tsv"), "--report",
                "html=" + reports.resolve("timeline.html"));
        assertEquals(0, run.exitCode(), () -> run.stdout() + run.stderr());
        assertTrue(run.stdout().contains(" ok"), run.stdout());
        int total = ReportChecks.json(reports.resolve("run.json")).get("counts").get("total").asInt();
        assertEquals(Integer.toString(total), ReportChecks.junit(reports.resolve("junit.xml")).getDocumentElement()
                .getAttribute("tests"));
        assertEquals(TraceFile.NEXTFLOW_FIELDS, TraceFile.read(reports.resolve("trace.tsv")).header()
                .subList(0, TraceFile.NEXTFLOW_FIELDS.size()));
        assertTrue(Files.readString(reports.resolve("timeline.html")).contains("\"total\":" + total + ","),
                "the timeline counts the same instances");
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
