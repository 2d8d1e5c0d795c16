package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.report.ReportChecks;
import io.jobrun.report.TraceFile;
import io.jobrun.testing.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A fan-out of more than 1,000 items: past the first 1,000, the items that simply succeeded are one folded entry in
 * the JSON report, the JUnit XML and the trace, with their count and times; every item that failed or was retried
 * keeps an entry of its own; the counts and the timeline still have every instance.
 */
@Timeout(120)
class FoldedReportsTests {
    private static final Pattern HTML_DATA = Pattern.compile(
            "<script id=\"jobrun-data\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void itemsPastTheFirstThousandThatSimplySucceededAreOneEntryAndTheOthersKeepTheirOwn() throws IOException {
        Path job = Files.writeString(dir.resolve("wide.groovy"), """
                int calls = 0
                map 'square', over: (0..<1200).toList(), { x ->
                    if (x == 1100 || x == 1150) throw new IllegalStateException("bad ${x}")
                    x * x
                }
                task 'flaky', retries: 1, backoff: '1ms', { if (++calls < 2) throw new IOException('once'); 'ok' }
                """);
        Path json = dir.resolve("run.json");
        Path junit = dir.resolve("run.xml");
        Path trace = dir.resolve("trace.tsv");
        Path html = dir.resolve("timeline.html");
        CliRun run = CliRun.of(job.toString(), "--quiet", "--no-journal", "--report", "json=" + json, "--report",
                "junit=" + junit, "--report", "trace=" + trace, "--report", "html=" + html);
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());

        Json report = ReportChecks.json(json);
        assertEquals(1201, report.get("counts").get("total").asInt());
        assertEquals(1199, report.get("counts").get("ok").asInt());
        assertEquals(2, report.get("counts").get("failed").asInt());
        List<String> keys = new ArrayList<>();
        for (Json task : report.get("tasks")) {
            keys.add(task.get("key").asText());
        }
        assertEquals(1003, keys.size(), "1,000 items, the 2 that failed and the task that was retried");
        assertTrue(keys.containsAll(List.of("square#0", "square#999", "square#1100", "square#1150", "flaky")), keys::toString);
        assertEquals(1, report.get("folded").size());
        Json fold = report.get("folded").get(0);
        assertEquals("square", fold.get("spec").asText());
        assertEquals("ok", fold.get("status").asText());
        assertEquals(198, fold.get("count").asInt());
        assertEquals(1000, fold.get("first_item").asInt());
        assertEquals(1199, fold.get("last_item").asInt());
        Json times = fold.get("run_ms");
        assertTrue(times.get("min").asDouble() <= times.get("median").asDouble()
                && times.get("median").asDouble() <= times.get("max").asDouble()
                && times.get("max").asDouble() <= times.get("total").asDouble(), times::toString);

        Document xml = ReportChecks.junit(junit);
        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        NodeList cases = xml.getElementsByTagName("testcase");
        assertEquals(1004, cases.getLength());
        assertEquals("1004", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        Element folded = (Element) cases.item(cases.getLength() - 1);
        assertEquals("square (198 more items ok, folded)", folded.getAttribute("name"));
        Map<String, String> properties = new TreeMap<>();
        NodeList list = folded.getElementsByTagName("property");
        for (int i = 0; i < list.getLength(); i++) {
            Element property = (Element) list.item(i);
            properties.put(property.getAttribute("name"), property.getAttribute("value"));
        }
        assertEquals("198", properties.get("jobrun.folded"));
        assertEquals("1000-1199", properties.get("jobrun.items"));
        assertEquals("ok", properties.get("jobrun.status"));

        List<Map<String, String>> lines = TraceFile.read(trace).lines();
        assertEquals(1000 + 2 + 2 + 1, lines.size(), "an attempt a line: flaky has two, the fold one");
        Map<String, String> last = lines.get(lines.size() - 1);
        assertEquals("square#1000-1199", last.get("key"));
        assertEquals("square (198 more items ok, folded)", last.get("name"));
        assertEquals("COMPLETED", last.get("status"));

        Matcher data = HTML_DATA.matcher(Files.readString(html));
        assertTrue(data.find(), "the page holds its data");
        Json page = Json.parse(data.group(1));
        assertEquals(report.get("counts"), page.get("counts"));
        int drawn = 0;
        for (Json group : page.get("groups")) {
            for (Json row : group.get("rows")) {
                drawn += row.has("band") ? row.get("count").asInt() : 1;
            }
        }
        assertEquals(1201, drawn, "the timeline draws every instance");
    }
}
