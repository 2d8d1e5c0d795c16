package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.run.RunIdentity;
import io.jobrun.run.StopCause;
import io.jobrun.testing.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON report: versioned, valid against dsl/report.schema.json, and holding every fact of the run. */
class JsonReportTests {
    @TempDir
    Path dir;

    private Json report(ReportFixture run) {
        return ReportChecks.json(run.write("json", dir.resolve("run.json")));
    }

    private static Map<String, Json> byKey(Json report) {
        Map<String, Json> tasks = new HashMap<>();
        report.get("tasks").forEach(task -> tasks.put(task.get("key").asText(), task));
        return tasks;
    }

    @Test
    void theReportIsVersionedAndValidAgainstItsSchema() {
        Json report = report(ReportFixture.everyStatus());
        assertEquals("jobrun-report/2", report.get("schema").asText());
        assertEquals(12, report.get("tasks").size());
    }

    @Test
    void theJobIsNamedByFileContentHashAndParametersWithSecretsMasked() {
        Json job = report(ReportFixture.everyStatus()).get("job");
        assertEquals(ReportFixture.FILE, job.get("file").asText());
        assertEquals(ReportFixture.SHA, job.get("sha256").asText());
        assertEquals("ann", job.get("params").get("user").asText());
        assertEquals("***", job.get("params").get("token").asText());
    }

    @Test
    void theRunHasItsIdInstantsWallTimeAndExitCode() {
        Json run = report(ReportFixture.everyStatus()).get("run");
        assertEquals(ReportFixture.RUN_ID, run.get("id").asText());
        assertEquals("2024-05-01T10:00:00Z", run.get("started").asText());
        assertEquals("2024-05-01T10:00:00.400Z", run.get("ended").asText());
        assertEquals(400.0, run.get("wall_ms").asDouble());
        assertEquals(1, run.get("exit").asInt());
        assertFalse(run.get("ok").asBoolean());
        assertTrue(run.get("stop_cause").isNull());
        assertEquals("a callback threw: leaked ***", run.get("warnings").get(0).asText());
    }

    @Test
    void anInterruptedRunSaysWhyAndExits130() {
        Json run = report(ReportFixture.everyStatus().stoppedBy(StopCause.INTERRUPTED)).get("run");
        assertEquals("interrupted", run.get("stop_cause").asText());
        assertTrue(run.get("interrupted").asBoolean());
        assertEquals(130, run.get("exit").asInt());
    }

    @Test
    void aRunStoppedByTheJobsTimeoutSaysSo() {
        Json run = report(ReportFixture.everyStatus().stoppedBy(StopCause.JOB_TIMEOUT)).get("run");
        assertEquals("job-timeout", run.get("stop_cause").asText());
        assertTrue(run.get("timed_out").asBoolean());
        assertEquals(1, run.get("exit").asInt());
    }

    @Test
    void everyStatusIsCounted() {
        Json counts = report(ReportFixture.everyStatus()).get("counts");
        assertEquals(12, counts.get("total").asInt());
        assertEquals(5, counts.get("ok").asInt());
        assertEquals(3, counts.get("failed").asInt());
        assertEquals(1, counts.get("timeout").asInt());
        assertEquals(1, counts.get("leaked").asInt());
        assertEquals(1, counts.get("skipped").asInt());
        assertEquals(1, counts.get("cancelled").asInt());
    }

    @Test
    void eachAttemptHasItsInstantsWorkerAndTheJobFileLineOfItsError() {
        Json unit = byKey(report(ReportFixture.everyStatus())).get("test#0");
        assertEquals("test[unit]", unit.get("name").asText());
        assertEquals("test", unit.get("spec").asText());
        assertEquals("unit", unit.get("item").asText());
        assertEquals("ok", unit.get("status").asText());
        assertEquals("io_2", unit.get("worker").asText());
        assertEquals(12.0, unit.get("submitted_ms").asDouble());
        assertEquals(130.0, unit.get("ended_ms").asDouble());
        assertEquals(3.0 + 1.0, unit.get("queue_ms").asDouble());
        assertEquals(5.0 + 9.0, unit.get("run_ms").asDouble());
        Json first = unit.get("attempts").get(0);
        assertEquals(1, first.get("n").asInt());
        assertEquals("failed", first.get("status").asText());
        assertEquals("io_1", first.get("worker").asText());
        assertEquals(12.0, first.get("submitted_ms").asDouble());
        assertEquals(15.0, first.get("started_ms").asDouble());
        assertEquals(20.0, first.get("ended_ms").asDouble());
        assertEquals(5.0, first.get("ms").asDouble());
        assertEquals("IllegalStateException", first.get("error").get("type").asText());
        assertEquals("IllegalStateException: flaky", first.get("error").get("message").asText());
        assertEquals("jobs/build.v2.groovy:14", first.get("error").get("at").asText());
        assertTrue(unit.get("attempts").get(1).get("error").isNull());
    }

    @Test
    void aTaskTheCommandLineDidNotSelectIsCountedApart() {
        Json report = report(ReportFixture.notSelected());
        assertEquals(1, report.get("counts").get("not_selected").asInt());
        assertEquals("not_selected", byKey(report).get("deploy").get("status").asText());
        assertEquals(0, byKey(report).get("deploy").get("attempts").size());
    }

    @Test
    void anAttemptLostWithItsClusterMemberIsAnAttemptOfItsOwn() {
        Json hold = byKey(report(ReportFixture.lostAttempt())).get("hold");
        assertEquals("ok", hold.get("status").asText());
        Json lost = hold.get("attempts").get(0);
        assertEquals("lost", lost.get("status").asText());
        assertEquals("10.0.0.8:5701", lost.get("worker").asText());
        assertEquals("its worker 10.0.0.8:5701 left while it ran", lost.get("error").get("message").asText());
        assertEquals("10.0.0.7:5701", hold.get("attempts").get(1).get("worker").asText());
        assertEquals("10.0.0.7:5701", hold.get("worker").asText());
    }

    @Test
    void anErrorWithoutAJobFileLineIsPlacedAtTheTasksDefinition() {
        Json lint = byKey(report(ReportFixture.everyStatus())).get("lint");
        assertEquals("timeout", lint.get("status").asText());
        assertEquals("timed out after 50ms", lint.get("error").get("message").asText());
        assertEquals("jobs/build.v2.groovy:32:1", lint.get("error").get("at").asText());
    }

    @Test
    void aTaskThatNeverRanHasNoAttemptsAndNoSubmission() {
        Map<String, Json> tasks = byKey(report(ReportFixture.everyStatus()));
        Json deploy = tasks.get("deploy");
        assertEquals(0, deploy.get("attempts").size());
        assertTrue(deploy.get("submitted_ms").isNull());
        assertEquals(100.0, deploy.get("ended_ms").asDouble());
        Json notify = tasks.get("notify").get("attempts").get(0);
        assertTrue(notify.get("started_ms").isNull());
        assertTrue(notify.get("worker").isNull());
    }

    @Test
    void aShellTasksExitStatusIsKeptPerAttempt() {
        Map<String, Json> tasks = byKey(report(ReportFixture.everyStatus()));
        assertEquals(3, tasks.get("shell-fail").get("attempts").get(0).get("exit").asInt());
        assertEquals(0, tasks.get("shell").get("attempts").get(0).get("exit").asInt());
        assertTrue(tasks.get("compile").get("attempts").get(0).get("exit").isNull());
    }

    @Test
    void aResultIsABoundedPreviewWithTheHashOfTheWhole() {
        Map<String, Json> tasks = byKey(report(ReportFixture.everyStatus()));
        Json big = tasks.get("big").get("result");
        assertEquals(200, big.get("preview").asText().length());
        assertTrue(big.get("truncated").asBoolean());
        assertEquals(RunIdentity.sha256(ReportFixture.LONG_RESULT), big.get("sha256").asText());
        Json small = tasks.get("compile").get("result");
        assertEquals("compiled", small.get("preview").asText());
        assertFalse(small.get("truncated").asBoolean());
        assertEquals(RunIdentity.sha256("compiled"), small.get("sha256").asText());
        assertTrue(tasks.get("lint").get("result").isNull());
    }

    @Test
    void optionalAndSubmittedWorkAreMarked() {
        Map<String, Json> tasks = byKey(report(ReportFixture.everyStatus()));
        assertTrue(tasks.get("docs").get("optional").asBoolean());
        assertEquals("IllegalStateException: no docs for ***", tasks.get("docs").get("error").get("message").asText());
        assertTrue(tasks.get("compile/io#0").get("submitted_by_code").asBoolean());
        assertFalse(tasks.get("compile").get("submitted_by_code").asBoolean());
    }

    @Test
    void theFileIsReplacedWholeAndNoTemporaryFileStays() throws IOException {
        Path file = dir.resolve("run.json");
        Files.writeString(file, "an older report");
        ReportFixture.everyStatus().write("json", file);
        ReportChecks.json(file);
        ReportChecks.noTemporaryFilesIn(dir);
    }
}
