package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.job.HaltPolicy;
import io.jobrun.job.Job;
import io.jobrun.job.JobCallbacks;
import io.jobrun.job.SourcePosition;
import io.jobrun.run.AttemptRecord;
import io.jobrun.run.InstanceId;
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunIdentity;
import io.jobrun.run.RunResult;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import io.jobrun.testing.Chromium;
import io.jobrun.testing.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML timeline: one file that loads nothing, with the run's data in it, laid out to stay usable at scale. */
class HtmlReportTests {
    private static final Pattern DATA = Pattern.compile(
            "<script id=\"jobrun-data\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    /** The data the page draws from. */
    static Json data(Path page) throws IOException {
        Matcher matcher = DATA.matcher(Files.readString(page));
        assertTrue(matcher.find(), "the page has its data");
        return Json.parse(matcher.group(1));
    }

    @Test
    void thePageLoadsNothing() throws IOException {
        String page = Files.readString(ReportFixture.everyStatus().write("html", dir.resolve("t.html")));
        assertTrue(page.contains("Content-Security-Policy\" content=\"default-src 'none'"), "nothing may load");
        String withoutSvgNamespace = page.replace("http://www.w3.org/2000/svg", "");
        for (String loads : new String[] {"http://", "https://", " src=", "<link", "@import", "url("}) {
            assertFalse(withoutSvgNamespace.contains(loads), "the page has " + loads);
        }
    }

    @Test
    void theDataHoldsTheCountsAndABarPerInstanceWithItsAttempts() throws IOException {
        Json data = data(ReportFixture.everyStatus().write("html", dir.resolve("t.html")));
        assertEquals(12, data.get("counts").get("total").asInt());
        assertEquals(5, data.get("counts").get("ok").asInt());
        int bars = 0;
        Json unit = null;
        for (Json group : data.get("groups")) {
            for (Json row : group.get("rows")) {
                bars++;
                if (row.get("n").asText().equals("test[unit]")) {
                    unit = row;
                    assertEquals("io_2", group.get("worker").asText());
                }
            }
        }
        assertEquals(12, bars);
        assertEquals(2, unit.get("a").size());
        assertEquals("failed", unit.get("a").get(0).get(3).asText());
        assertEquals(15.0, unit.get("a").get(0).get(1).asDouble());
    }

    @Test
    void rowsAreGroupedByExecutorThenWorker() throws IOException {
        Json data = data(ReportFixture.everyStatus().write("html", dir.resolve("t.html")));
        StringBuilder groups = new StringBuilder();
        for (Json group : data.get("groups")) {
            groups.append(group.get("executor").asText()).append('/').append(group.get("worker").asText())
                    .append(' ');
        }
        assertEquals("io/io_1 io/io_2 io/(not started) slow/slow_1 ", groups.toString());
    }

    @Test
    void textFromTasksCannotCloseTheScriptOrBreakThePage() throws IOException {
        SourcePosition at = new SourcePosition("x.groovy", 1, 1);
        String name = "</script><script>alert(1)</script>";
        TaskInstance instance = new TaskInstance(InstanceId.single(name), name, null, "io", null, at);
        TaskOutcome outcome = new TaskOutcome(instance, TaskStatus.OK, null, null,
                List.of(new AttemptRecord(1, "io", "io_1", 0, 0, 1, TaskStatus.OK, null)));
        Job job = new Job("x.groovy", null, Map.of(), List.of(), List.of(), JobCallbacks.none(), null,
                HaltPolicy.RUN_ALL);
        Path file = dir.resolve("x.html");
        var listener = Reports.STANDARD.create("html", ReportFixture.settings()
                .to(ReportTarget.replacing(file.toString())));
        listener.onEvent(new RunEvent.JobStarted(0, Instant.EPOCH, "x.groovy", List.of(), List.of()));
        listener.onEvent(new RunEvent.TaskFinished(1, outcome));
        listener.onEvent(new RunEvent.JobFinished(2, new RunResult(job, List.of(outcome), Duration.ofNanos(2), null,
                List.of())));
        String page = Files.readString(file);
        assertEquals(2, page.split("</script>", -1).length - 1, "only the page's own two scripts end");
        assertEquals(name, data(file).get("groups").get(0).get("rows").get(0).get("n").asText());
    }

    @Test
    void aLargeFanOutOnAWorkerIsABandAndASmallOneIsBars() {
        FinishedRun small = finished(ReportFixture.fanOut(2 * Timeline.BAND_OVER, 0));
        for (Timeline.Group group : Timeline.layout(small)) {
            assertTrue(group.rows().stream().allMatch(row -> row instanceof Timeline.Bar), group.worker());
        }
        FinishedRun large = finished(ReportFixture.fanOut(2 * Timeline.BAND_OVER + 2, 0));
        for (Timeline.Group group : Timeline.layout(large)) {
            assertEquals(1, group.rows().size(), group.worker());
            assertTrue(group.rows().get(0) instanceof Timeline.Band band && band.count() == 41);
        }
    }

    @Test
    void aHundredThousandInstancesAreAFewRowsWithEveryFailureKeptVisible() {
        FinishedRun run = finished(ReportFixture.fanOut(100_000, 100));
        List<Timeline.Group> groups = Timeline.layout(run);
        assertEquals(100_000, Timeline.instances(groups), "every instance drawn once");
        int bars = 0;
        int failedBars = 0;
        for (Timeline.Group group : groups) {
            for (Timeline.Row row : group.rows()) {
                if (row instanceof Timeline.Bar bar) {
                    bars++;
                    failedBars += bar.task().status() == TaskStatus.FAILED ? 1 : 0;
                } else if (row instanceof Timeline.Band band) {
                    assertEquals(0, band.failed(), "a failure is a row of its own while there is room");
                    double running = 0;
                    for (double bucket : band.running()) {
                        running += bucket;
                    }
                    assertTrue(running > 0, "the band shows its instances running");
                }
            }
        }
        assertEquals(1_000, failedBars);
        assertEquals(1_000, bars);
    }

    @Test
    void failuresPastTheRowLimitShowInTheirBandInRed() {
        FinishedRun run = finished(ReportFixture.fanOut(3 * Timeline.FAILURE_ROWS, 1));
        int failedInBands = 0;
        for (Timeline.Group group : Timeline.layout(run)) {
            for (Timeline.Row row : group.rows()) {
                if (row instanceof Timeline.Band band) {
                    failedInBands += band.failed();
                    double failing = 0;
                    for (double bucket : band.failing()) {
                        failing += bucket;
                    }
                    assertTrue(failing > 0, "the band shows its failures");
                }
            }
        }
        assertEquals(2 * Timeline.FAILURE_ROWS, failedInBands);
    }

    @Test
    void theTimelineIsTheSameWhicheverOrderTheTasksFinishIn() throws IOException {
        ReportFixture run = ReportFixture.tangled(1);
        Path inResultOrder = run.write("html", dir.resolve("result-order.html"));
        Path asFinished = dir.resolve("as-finished.html");
        var listener = Reports.STANDARD.create("html", ReportFixture.settings()
                .to(ReportTarget.replacing(asFinished.toString())));
        run.eventsAsFinished().forEach(event -> listener.onEvent(ReportFixture.MASK.apply(event)));
        assertEquals(Files.readString(inResultOrder), Files.readString(asFinished));

        Json data = data(asFinished);
        StringBuilder groups = new StringBuilder();
        Map<String, Json> byWorker = new java.util.HashMap<>();
        int failedBars = 0;
        int failedInBands = 0;
        for (Json group : data.get("groups")) {
            groups.append(group.get("executor").asText()).append('/').append(group.get("worker").asText()).append(' ');
            byWorker.put(group.get("worker").asText(), group.get("rows"));
            for (Json row : group.get("rows")) {
                if (row.has("band")) {
                    failedInBands += row.get("failed").asInt();
                } else if (row.get("s").asText().equals("failed")) {
                    failedBars++;
                }
            }
        }
        assertEquals("io/io_1 io/io_2 io/io_3 io/(not started) adhoc0/adhoc0_1 adhoc/adhoc_1 ", groups.toString(),
                "declared executors first, then the others where their first instance is in the result");
        assertEquals(Timeline.FAILURE_ROWS, failedBars);
        assertEquals(data.get("counts").get("failed").asInt() - Timeline.FAILURE_ROWS, failedInBands);
        assertEquals(List.of("big", "small"), bands(byWorker.get("io_2")), "bands in the order of the job's tasks");
        assertEquals(Timeline.BAND_OVER + 4, byWorker.get("io_2").get(1).get("count").asInt(),
                "41 items and 3 rows submitted under the same name");
        assertEquals(List.of("big"), bands(byWorker.get("io_1")));
        int smallBars = 0;
        for (Json row : byWorker.get("io_1")) {
            smallBars += !row.has("band") && row.get("n").asText().startsWith("small[") ? 1 : 0;
        }
        assertEquals(Timeline.BAND_OVER, smallBars, "exactly as many as a band needs more than: bars");
        assertEquals(List.of("big"), bands(byWorker.get(Timeline.NOT_STARTED)));
        assertEquals(List.of("fetch"), bands(byWorker.get("adhoc_1")));
    }

    /** A band's buckets hold every nanosecond its attempts ran, split at the buckets' edges, none lost or counted twice. */
    @Test
    void aBandsBucketsHoldTheTimeItsAttemptsRan() {
        FinishedRun run = finished(ReportFixture.longAttempts(500, 4));
        List<Timeline.Group> groups = Timeline.layout(run);
        assertEquals(1, groups.size());
        Timeline.Band band = (Timeline.Band) groups.get(0).rows().get(0);
        assertEquals(500, band.count());
        double width = (run.endedAt() - run.startedAt()) / (double) Timeline.BUCKETS;
        double inBuckets = 0;
        for (double running : band.running()) {
            inBuckets += running * width;
        }
        assertEquals(band.runNanos(), inBuckets, band.runNanos() * 1e-9);
    }

    @Test
    void aBandAddsUpItsInstancesInTheOrderOfTheResultWhicheverOrderTheyFinishIn() {
        FinishedRun run = finished(ReportFixture.tangled(2));
        List<Timeline.Group> expected = Timeline.layout(run);
        Timeline asFinished = new Timeline();
        run.tasks().stream().sorted(java.util.Comparator.comparingLong(ReportedTask::ended)).forEach(asFinished::add);
        List<Timeline.Group> actual = asFinished.groups(run);
        assertEquals(expected.size(), actual.size());
        int bands = 0;
        for (int g = 0; g < expected.size(); g++) {
            assertEquals(expected.get(g).worker(), actual.get(g).worker());
            List<Timeline.Row> rows = actual.get(g).rows();
            assertEquals(expected.get(g).rows().size(), rows.size());
            for (int r = 0; r < rows.size(); r++) {
                switch (expected.get(g).rows().get(r)) {
                    case Timeline.Bar bar -> assertSame(bar.task(), ((Timeline.Bar) rows.get(r)).task());
                    case Timeline.Band band -> {
                        Timeline.Band same = (Timeline.Band) rows.get(r);
                        bands++;
                        assertEquals(List.of(band.spec(), band.count(), band.failed(), band.from(), band.to(),
                                band.runNanos(), band.statuses()), List.of(same.spec(), same.count(), same.failed(),
                                same.from(), same.to(), same.runNanos(), same.statuses()));
                        // NOTE: to the last bit: sums of floating-point shares differ in another order.
                        assertArrayEquals(band.running(), same.running());
                        assertArrayEquals(band.failing(), same.failing());
                    }
                }
            }
        }
        assertEquals(6, bands);
    }

    /** The tasks of the bands among {@code rows}, in order. */
    private static List<String> bands(Json rows) {
        List<String> bands = new java.util.ArrayList<>();
        for (Json row : rows) {
            if (row.has("band")) {
                bands.add(row.get("band").asText());
            }
        }
        return bands;
    }

    @Test
    void aHundredThousandInstanceTimelineDrawsInChromiumWithEveryFailureAsABar() throws IOException {
        Chromium browser = Chromium.find(dir);
        ReportFixture run = ReportFixture.fanOut(100_000, 100);
        Path page = run.write("html", dir.resolve("big.html"));
        Json json = ReportChecks.json(run.write("json", dir.resolve("big.json")));
        assertTrue(Files.size(page) < 4 << 20, "a page of bands, not of 100,000 bars: " + Files.size(page));
        TimelineDom drawn = TimelineDom.of(browser.dom(page));
        assertTrue(drawn.rendered(), "the page's script ran to its end");
        assertEquals(100_000, drawn.instances());
        assertEquals(json.get("counts").get("failed").asInt(), drawn.bars("failed"));
        assertEquals(Map.of("total", 100_000, "ok", 99_000, "failed", 1_000), drawn.counts());
    }

    /** The run as a report sees it at its end. */
    private static FinishedRun finished(ReportFixture fixture) {
        RunResult result = fixture.result();
        RunStart start = new RunStart(ReportFixture.FILE, new RunIdentity("r", null), Instant.EPOCH,
                ReportFixture.START, List.of());
        List<ReportedTask> tasks = result.outcomes().stream().map(o -> new ReportedTask(o, start, 0)).toList();
        return new FinishedRun(start, result, ReportFixture.ms(fixture.outcomes.size() + 10), List.of(), Map.of(), List.of(),
                () -> tasks);
    }
}
