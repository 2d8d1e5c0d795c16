package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace: a TSV line per attempt with Nextflow's field names and formats, so scripts written for it read it. */
class TraceReportTests {
    @TempDir
    Path dir;

    /** Each line as a map from header field to value, as a script reading the header would see it. */
    private List<Map<String, String>> trace(ReportFixture run) throws IOException {
        return TraceFile.read(run.write("trace", dir.resolve("trace.tsv"))).lines();
    }

    private static List<Map<String, String>> named(List<Map<String, String>> rows, String name) {
        return rows.stream().filter(row -> row.get("name").equals(name)).toList();
    }

    @Test
    void theHeaderHasNextflowsFieldNamesFirst() throws IOException {
        String header = Files.readAllLines(ReportFixture.everyStatus().write("trace", dir.resolve("t.tsv"))).get(0);
        assertTrue(header.startsWith("task_id\thash\tnative_id\tname\tstatus\texit\tattempt\tsubmit\tstart\tcomplete"
                + "\tduration\trealtime\t"), header);
    }

    @Test
    void oneLinePerAttemptAndOneForATaskThatNeverHadOne() throws IOException {
        List<Map<String, String>> rows = trace(ReportFixture.everyStatus());
        assertEquals(12 + 2, rows.size());
        List<Map<String, String>> unit = named(rows, "test[unit]");
        assertEquals(List.of("1", "2"), unit.stream().map(row -> row.get("attempt")).toList());
        assertEquals(List.of("FAILED", "COMPLETED"), unit.stream().map(row -> row.get("status")).toList());
        assertEquals(unit.get(0).get("task_id"), unit.get(1).get("task_id"));
        Map<String, String> deploy = named(rows, "deploy").get(0);
        assertEquals("-", deploy.get("attempt"));
        assertEquals("SKIPPED", deploy.get("status"));
    }

    @Test
    void statusesAreNextflowsWordsWhereTheyMeanTheSame() throws IOException {
        List<Map<String, String>> rows = trace(ReportFixture.everyStatus());
        assertEquals("COMPLETED", named(rows, "compile").get(0).get("status"));
        assertEquals("FAILED", named(rows, "docs").get(0).get("status"));
        assertEquals("ABORTED", named(rows, "notify").get(0).get("status"));
        assertEquals("TIMEOUT", named(rows, "lint").get(0).get("status"));
        assertEquals("LEAKED", named(rows, "hang").get(0).get("status"));
    }

    @Test
    void timesAreLocalTimestampsToTheMillisecondAndHumanDurations() throws IOException {
        Map<String, String> first = named(trace(ReportFixture.everyStatus()), "test[unit]").get(0);
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
        LocalDateTime start = LocalDateTime.ofInstant(ReportFixture.WALL, ZoneId.systemDefault());
        assertEquals(start.plusNanos(12_000_000).format(format), first.get("submit"));
        assertEquals(start.plusNanos(15_000_000).format(format), first.get("start"));
        assertEquals(start.plusNanos(20_000_000).format(format), first.get("complete"));
        assertEquals("8ms", first.get("duration"));
        assertEquals("5ms", first.get("realtime"));
        assertEquals("io_1", first.get("native_id"));
        assertEquals("test", first.get("process"));
        assertEquals("unit", first.get("tag"));
        assertEquals("test#0", first.get("key"));
        assertEquals("jobs/build.v2.groovy:14: IllegalStateException: flaky", first.get("error"));
        assertTrue(first.get("hash").matches("[0-9a-f]{2}/[0-9a-f]{6}"), first.get("hash"));
    }

    @Test
    void aShellAttemptHasItsExitStatus() throws IOException {
        List<Map<String, String>> rows = trace(ReportFixture.everyStatus());
        assertEquals("3", named(rows, "shell-fail").get(0).get("exit"));
        assertEquals("0", named(rows, "shell").get(0).get("exit"));
        assertEquals("-", named(rows, "compile").get(0).get("exit"));
    }

    @Test
    void durationsReadAsNextflowWritesThem() {
        assertEquals("350ms", TraceReport.human(350_000_000L));
        assertEquals("4.2s", TraceReport.human(4_200_000_000L));
        assertEquals("30s", TraceReport.human(30_000_000_000L));
        assertEquals("1m 5s", TraceReport.human(65_000_000_000L));
        assertEquals("2h 3m 4s", TraceReport.human((2 * 3600 + 3 * 60 + 4) * 1_000_000_000L));
    }

    @Test
    void theHashNamesTheInstanceTheSameWayEveryRun() throws IOException {
        String first = named(trace(ReportFixture.everyStatus()), "compile").get(0).get("hash");
        String again = named(trace(ReportFixture.everyStatus()), "compile").get(0).get("hash");
        String other = named(trace(ReportFixture.everyStatus()), "lint").get(0).get("hash");
        assertEquals(first, again);
        assertTrue(!first.equals(other), first);
    }
}
