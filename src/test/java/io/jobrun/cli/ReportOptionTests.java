package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.report.ReportChecks;
import io.jobrun.run.StopCause;
import io.jobrun.run.Ticker;
import io.jobrun.testing.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code --report FORMAT=PATH} and the CI step summary, end to end through the command line. */
@Timeout(120)
class ReportOptionTests {
    private static final String OK_JOB = """
            executor 'io', threads(2)
            task 'a', on: 'io', { 1 }
            map 'b', over: ['x', 'y'], on: 'io', { it * 2 }
            """;

    @TempDir
    Path dir;

    /** Every JSON report a test here wrote is valid against the schema. */
    @AfterEach
    void everyJsonReportWrittenIsValid() {
        ReportChecks.everyJsonReportIn(dir);
    }

    private CliRun run(String name, String job, String... extra) throws IOException {
        return CliRun.ofFile(dir, name, job, extra);
    }

    private static String usageError(String message) {
        return "jobrun: " + message + "\n" + Help.USAGE + "\nRun 'bin/jobrun --help' for more.\n";
    }

    @Test
    void eachFormatIsWrittenWhereItsOptionSays() throws IOException {
        CliRun run = run("ok.groovy", OK_JOB, "--report", "json=" + dir.resolve("out/r.json"),
                "--report", "junit=" + dir.resolve("out/r.xml"), "--report", "trace=" + dir.resolve("out/r.tsv"),
                "--report", "html=" + dir.resolve("out/r.html"), "--report", "markdown=" + dir.resolve("out/r.md"));
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(3, ReportChecks.json(dir.resolve("out/r.json")).get("counts").get("ok").asInt());
        assertEquals("3", ReportChecks.junit(dir.resolve("out/r.xml")).getDocumentElement().getAttribute("tests"));
        assertEquals(4, Files.readAllLines(dir.resolve("out/r.tsv")).size());
        assertTrue(Files.readString(dir.resolve("out/r.html")).contains("jobrun-data"));
        assertTrue(Files.readString(dir.resolve("out/r.md")).startsWith("### ✅ jobrun "));
        ReportChecks.noTemporaryFilesIn(dir.resolve("out"));
    }

    /** A parameter named like a secret (token, password, api_key, ...) never reaches a report file as it is. */
    @Test
    void aSecretParameterIsMaskedInEveryReportFile() throws IOException {
        String secret = "s3cr3t-t0ken-value";
        CliRun run = run("secret.groovy", """
                params api_token: 'unset', user: 'ann'
                task 'call', { "Bearer ${params.api_token} for ${params.user}" }
                task 'leak', shell('echo token=${params.api_token}; exit 3')
                task 'fail', { throw new IllegalStateException("refused ${params.api_token}") }
                """, "-p", "api_token=" + secret, "--report", "json=" + dir.resolve("r.json"), "--report",
                "junit=" + dir.resolve("r.xml"), "--report", "trace=" + dir.resolve("r.tsv"), "--report",
                "html=" + dir.resolve("r.html"), "--report", "markdown=" + dir.resolve("r.md"));
        assertEquals(1, run.exitCode(), run.stderr());
        Json report = ReportChecks.json(dir.resolve("r.json"));
        assertEquals("***", report.get("job").get("params").get("api_token").asText());
        assertEquals("ann", report.get("job").get("params").get("user").asText());
        for (String file : List.of("r.json", "r.xml", "r.tsv", "r.html", "r.md")) {
            String text = Files.readString(dir.resolve(file));
            assertFalse(text.contains(secret), file + " holds the secret");
            assertTrue(text.contains("***") || text.contains("\\*\\*\\*"), file + " shows where it was masked");
        }
        for (Json task : report.get("tasks")) {
            if (task.get("key").asText().equals("call")) {
                assertEquals("Bearer *** for ann", task.get("result").get("preview").asText());
            }
        }
    }

    @Test
    void anUnknownFormatIsAUsageErrorWithADidYouMean() throws IOException {
        CliRun run = run("ok.groovy", OK_JOB, "--report", "jsn=" + dir.resolve("r.json"));
        assertEquals(2, run.exitCode());
        assertEquals(usageError("unknown report format 'jsn' (did you mean 'json'?); the formats are json, junit, "
                + "trace, html, markdown"), run.stderr());
        assertEquals("", run.stdout());
    }

    @Test
    void theSummaryIsNotAReportFile() throws IOException {
        CliRun run = run("ok.groovy", OK_JOB, "--report", "summary=" + dir.resolve("r.txt"));
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().startsWith("jobrun: unknown report format 'summary'"), run.stderr());
    }

    @Test
    void theOptionNeedsFormatEqualsPath() throws IOException {
        assertEquals(usageError("--report needs FORMAT=PATH, got 'json'"), run("ok.groovy", OK_JOB, "--report",
                "json").stderr());
        assertEquals(usageError("--report needs FORMAT=PATH"), run("ok.groovy", OK_JOB, "--report").stderr());
    }

    @Test
    void aPathThatCannotBeWrittenIsRefusedBeforeAnythingRuns() throws IOException {
        Path ran = dir.resolve("ran");
        String job = "task 'a', { new File('" + ran + "').text = 'ran' }\n";
        CliRun toDirectory = run("job.groovy", job, "--report", "json=" + dir);
        assertEquals(2, toDirectory.exitCode());
        assertEquals(usageError("--report json=" + dir + ": " + dir + " is a directory; name a file"),
                toDirectory.stderr());
        Path file = Files.writeString(dir.resolve("plain-file"), "");
        CliRun underAFile = run("job.groovy", job, "--report", "json=" + file + "/r.json");
        assertEquals(2, underAFile.exitCode());
        assertTrue(underAFile.stderr().startsWith("jobrun: --report json=" + file + "/r.json: cannot write there ("
                + file + " is not a writable directory)"), underAFile.stderr());
        assertFalse(Files.exists(ran), "nothing ran");
    }

    @Test
    void severalJobFilesNeedTheirNameInThePathOfAOneRunFormat() throws IOException {
        Path first = Files.writeString(dir.resolve("first.groovy"), OK_JOB);
        Path second = Files.writeString(dir.resolve("second.yaml"), "tasks:\n  only: { shell: echo hi }\n");
        CliRun refused = CliRun.of(first.toString(), second.toString(), "--report", "json=" + dir.resolve("r.json"));
        assertEquals(2, refused.exitCode());
        assertEquals(usageError("--report json=" + dir.resolve("r.json") + ": each of the 2 job files needs a json "
                + "report of its own; put {job} in the path, where the job's name goes (for example "
                + "reports/{job}.json)"), refused.stderr());
        CliRun run = CliRun.of(first.toString(), second.toString(), "--report", "json=" + dir.resolve("{job}.json"),
                "--report", "junit=" + dir.resolve("all.xml"));
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(first.toString(), ReportChecks.json(dir.resolve("first.json")).get("job").get("file").asText());
        assertEquals(1, ReportChecks.json(dir.resolve("second.json")).get("counts").get("total").asInt());
        Document junit = ReportChecks.junit(dir.resolve("all.xml"));
        assertEquals(2, junit.getElementsByTagName("testsuite").getLength());
        assertEquals("4", junit.getDocumentElement().getAttribute("tests"));
    }

    @Test
    void theReportIsWrittenWhenTasksFail() throws IOException {
        CliRun run = run("fails.groovy", "task 'a', { throw new IllegalStateException('no') }\n", "--report",
                "json=" + dir.resolve("r.json"));
        assertEquals(1, run.exitCode());
        Json report = ReportChecks.json(dir.resolve("r.json"));
        assertEquals(1, report.get("run").get("exit").asInt());
        assertEquals(dir.resolve("fails.groovy") + ":1", report.get("tasks").get(0).get("error").get("at").asText());
    }

    @Test
    void theReportIsWrittenWhenTheJobTimesOut() throws IOException {
        CliRun run = run("slow.yaml", """
                timeout: 200ms
                tasks:
                  slow: { shell: sleep 30 }
                  after: { after: [slow], shell: echo never }
                """, "--report", "json=" + dir.resolve("r.json"));
        assertEquals(1, run.exitCode());
        Json report = ReportChecks.json(dir.resolve("r.json"));
        assertTrue(report.get("run").get("timed_out").asBoolean());
        assertEquals(1, report.get("counts").get("timeout").asInt());
        assertEquals(1, report.get("counts").get("cancelled").asInt());
    }

    @Test
    void theReportIsWrittenWhenTheRunIsInterrupted() throws Exception {
        Path started = dir.resolve("started");
        Path job = Files.writeString(dir.resolve("stopped.groovy"), "task 'slow', { new File('" + started
                + "').text = 'yes'; Thread.sleep(60_000) }\ntask 'later', after: ['slow'], { 'never' }\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        Cli cli = Cli.forTests(stream, stream, CliRun.PLAIN, Ticker.SYSTEM);
        AtomicInteger code = new AtomicInteger(-1);
        Thread running = Thread.ofPlatform().start(() -> code.set(cli.run(new String[] {job.toString(), "--report",
            "json=" + dir.resolve("r.json"), "--report", "junit=" + dir.resolve("r.xml")})));
        while (!Files.exists(started)) {
            assertTrue(running.isAlive(), () -> "the run ended early: " + out.toString(StandardCharsets.UTF_8));
            Thread.sleep(10); // the task writes the file once it runs; the test's timeout guards a hang
        }
        cli.stop(StopCause.INTERRUPTED);
        running.join();
        assertEquals(130, code.get(), out.toString(StandardCharsets.UTF_8));
        Json report = ReportChecks.json(dir.resolve("r.json"));
        assertEquals("interrupted", report.get("run").get("stop_cause").asText());
        // The running task is stopped: cancelled, or leaked when a loaded machine lets it outlive its leak grace.
        Json counts = report.get("counts");
        assertEquals(2, counts.get("cancelled").asInt() + counts.get("leaked").asInt(), report.get("tasks").toString());
        assertEquals(2, report.get("tasks").size());
        Document junit = ReportChecks.junit(dir.resolve("r.xml"));
        assertEquals(2, Integer.parseInt(junit.getDocumentElement().getAttribute("skipped"))
                + Integer.parseInt(junit.getDocumentElement().getAttribute("errors")));
    }

    @Test
    void theFileIsReplacedOnlyWhenTheRunEndsSoItIsNeverHalfWritten() throws IOException {
        Path report = Files.writeString(dir.resolve("r.json"), "the previous run's report");
        CliRun run = run("peek.groovy", "task 'peek', { new File('" + report + "').text }\n", "--verbose",
                "--report", "json=" + report);
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("the previous run's report",
                ReportChecks.json(report).get("tasks").get(0).get("result").get("preview").asText());
        ReportChecks.noTemporaryFilesIn(dir);
    }

    @Test
    void aReportThatCannotBeWrittenIsOneWarningAndTheExitCodeStays() throws IOException {
        Path report = dir.resolve("r.json");
        CliRun run = run("block.groovy", "task 'block', { new File('" + report + "/inside').mkdirs(); 'blocked' }\n",
                "--report", "json=" + report);
        assertEquals(0, run.exitCode(), run.stdout());
        assertTrue(run.stdout().contains("[warning] could not write the json report " + report + ": Is a directory\n"),
                run.stdout());
    }

    /**
     * /proc takes no new files, though it reads as writable to root: the report's temporary file cannot be made there,
     * and the warning says why without naming that file, which the user never asked for.
     */
    @Test
    void aReportFileThatCannotBeMadeSaysWhyInWordsAndNamesNoTemporaryFile() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/proc")), "/proc reads as writable");
        Path report = Path.of("/proc/jobrun-report-" + ProcessHandle.current().pid() + ".html");
        CliRun run = run("ok.groovy", "task 'ok', { 1 }\n", "--report", "html=" + report);
        assertEquals(0, run.exitCode(), run.stdout());
        assertTrue(run.stdout().contains("[warning] could not write the html report " + report
                + ": no such file or directory\n"), run.stdout());
        assertFalse(run.stdout().contains(".tmp"), run.stdout());
    }

    @Test
    void withGithubStepSummarySetAMarkdownSummaryIsAddedToIt() throws IOException {
        Path summary = Files.writeString(dir.resolve("step-summary.md"), "earlier\n");
        Path job = Files.writeString(dir.resolve("ok.groovy"), OK_JOB);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("GITHUB_STEP_SUMMARY", summary.toString());
        CliRun run = CliRun.with(CliRun.PLAIN, environment, job.toString(), "--no-emoji");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> lines = Files.readAllLines(summary);
        assertEquals("earlier", lines.get(0));
        assertEquals("### ✅ jobrun " + job + ": 3 tasks: 3 ok", lines.get(1));
    }
}
