package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.report.ReportChecks;
import io.jobrun.report.TimelineDom;
import io.jobrun.testing.Chromium;
import io.jobrun.testing.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline of a real run opened in headless Chromium: what the page drew after its script ran (not what the file
 * holds) has a bar or a band place for every instance, its failures as bars, and the counts of the JSON report.
 */
@Timeout(600)
class TimelineInBrowserTests {
    @TempDir
    Path dir;

    @Test
    void theDrawnTimelineHasEveryInstanceAndTheCountsOfTheJsonReport() throws IOException {
        Chromium browser = Chromium.find(dir);
        ReportedRun run = ReportedRun.in(dir);
        Json json = ReportChecks.json(run.json());
        TimelineDom page = TimelineDom.of(browser.dom(run.html()));

        assertTrue(page.rendered(), "the page's script ran to its end");
        assertEquals(json.get("counts").get("total").asInt(), page.instances(), "an instance per bar or band place");
        assertTrue(!page.bands().isEmpty(), "the 200-item fan-out is drawn as bands");
        Map<String, Integer> shown = new TreeMap<>();
        json.get("counts").members().forEach((status, count) -> {
            if (count.asInt() > 0 || status.equals("ok")) {
                shown.put(status, count.asInt());
            }
        });
        assertEquals(shown, page.counts());
        for (String failure : new String[] {"failed", "timeout", "leaked"}) {
            assertEquals(json.get("counts").get(failure).asInt(), page.bars(failure), failure + " bars");
        }
        assertEquals(json.get("counts").get("skipped").asInt(), page.bars("skipped"), "skipped bars");
        browser.screenshot(run.html(), dir.resolve("timeline.png"), 1400, 900);
    }
}
