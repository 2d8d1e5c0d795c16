package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jobrun.run.Ticker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real run, on the system clock, of a job whose tasks end in every status a report maps (a retry that succeeds, one
 * that does not, a timeout, a skip, an optional failure, shell output, a 200-item fan-out that the timeline draws as
 * bands with its failures as rows of their own), with all four report files written: what the cross-format and the
 * browser tests read.
 */
record ReportedRun(Path json, Path junit, Path trace, Path html, int exitCode, String output) {
    /** Declared tasks and fan-out items: 6 declared tasks and 200 items. */
    static final int INSTANCES = 206;
    static final String JOB = """
            executor 'io', threads(3)
            executor 'cpu', threads(2)
            executor 'fan', threads(2)
            def tries = new java.util.concurrent.atomic.AtomicInteger()
            task 'compile', on: 'io', shell('echo compiled; echo careful >&2')
            task 'flaky', on: 'io', retries: 2, {
                if (tries.incrementAndGet() == 1) throw new IllegalStateException('the first try fails')
                'ok at last'
            }
            task 'broken', on: 'cpu', retries: 1, { throw new IllegalArgumentException('always wrong') }
            task 'slow', on: 'cpu', timeout: '200ms', { Thread.sleep(60_000) }
            task 'deploy', on: 'io', after: ['broken'], { 'never' }
            task 'docs', on: 'io', optional: true, { throw new RuntimeException('no docs') }
            map 'each', over: (1..200), on: 'fan', { n ->
                if (n % 50 == 0) throw new IllegalStateException("item ${n} fails")
                n * 2
            }
            """;

    /** Runs {@link #JOB} as {@code build.v2.groovy} in {@code directory}, writing the reports beside it. */
    static ReportedRun in(Path directory) throws IOException {
        Path job = Files.writeString(directory.resolve("build.v2.groovy"), JOB);
        Path reports = Files.createDirectories(directory.resolve("reports"));
        ReportedRun run = new ReportedRun(reports.resolve("run.json"), reports.resolve("run.xml"),
                reports.resolve("trace.tsv"), reports.resolve("timeline.html"), 0, "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.remove("GITHUB_STEP_SUMMARY"); // a CI step's own summary is not this test's to write
        int code = new Cli(stream, stream, CliRun.PLAIN, Ticker.SYSTEM, environment).run(new String[] {
            job.toString(), "--no-emoji", "--report", "json=" + run.json(), "--report", "junit=" + run.junit(),
            "--report", "trace=" + run.trace(), "--report", "html=" + run.html()});
        String output = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, output);
        return new ReportedRun(run.json(), run.junit(), run.trace(), run.html(), code, output);
    }
}
