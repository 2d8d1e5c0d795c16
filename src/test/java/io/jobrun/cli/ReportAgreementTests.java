package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.report.ReportChecks;
import io.jobrun.report.TraceFile;
import io.jobrun.testing.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every report of one run comes from the same events, so the JSON report, the JUnit XML, the trace and the timeline
 * agree on which task instances there were, how each ended, how many attempts it had and when they ran.
 */
@Timeout(300)
class ReportAgreementTests {
    /**
     * JUnit XML gives times in seconds to the millisecond, the JSON report in fractional milliseconds: 213.5 ms is
     * written 0.214, half a millisecond off, which a double holds as a hair more (hence the margin).
     */
    private static final double HALF_A_MILLISECOND = 0.0005 + 1e-9;

    private static final DateTimeFormatter TRACE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final Pattern HTML_DATA = Pattern.compile(
            "<script id=\"jobrun-data\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    static Path dir;
    static ReportedRun run;
    static Json json;
    /** The JSON report's tasks by key. */
    static Map<String, Json> tasks = new TreeMap<>();

    @BeforeAll
    static void runTheJobOnce() throws IOException {
        run = ReportedRun.in(dir);
        json = ReportChecks.json(run.json());
        for (Json task : json.get("tasks")) {
            tasks.put(task.get("key").asText(), task);
        }
    }

    @Test
    void theJsonReportHasEveryInstanceOnceAndCountsThem() {
        assertEquals(ReportedRun.INSTANCES, json.get("tasks").size());
        assertEquals(ReportedRun.INSTANCES, tasks.size(), "keys are unique");
        Map<String, Integer> counted = new TreeMap<>();
        tasks.values().forEach(task -> counted.merge(task.get("status").asText(), 1, Integer::sum));
        Map<String, Integer> declared = new TreeMap<>();
        json.get("counts").members().forEach((status, count) -> {
            if (!status.equals("total") && count.asInt() > 0) {
                declared.put(status, count.asInt());
            }
        });
        assertEquals(counted, declared);
        assertEquals(Map.of("ok", 198, "failed", 6, "timeout", 1, "skipped", 1), counted);
    }

    @Test
    void junitHasATestcasePerInstanceWithTheSameStatusAttemptsAndTime() {
        Document junit = ReportChecks.junit(run.junit());
        Element suite = (Element) junit.getElementsByTagName("testsuite").item(0);
        Json counts = json.get("counts");
        assertEquals(counts.get("total").asInt(), Integer.parseInt(suite.getAttribute("tests")));
        assertEquals(counts.get("failed").asInt(), Integer.parseInt(suite.getAttribute("failures")));
        assertEquals(counts.get("timeout").asInt() + counts.get("leaked").asInt(),
                Integer.parseInt(suite.getAttribute("errors")));
        assertEquals(counts.get("skipped").asInt() + counts.get("cancelled").asInt(),
                Integer.parseInt(suite.getAttribute("skipped")));
        assertEquals(json.get("run").get("wall_ms").asDouble() / 1000, Double.parseDouble(suite.getAttribute("time")),
                HALF_A_MILLISECOND);
        NodeList cases = junit.getElementsByTagName("testcase");
        assertEquals(tasks.size(), cases.getLength());
        Map<String, Json> byName = new HashMap<>();
        tasks.values().forEach(task -> byName.put(task.get("name").asText(), task));
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            Json task = byName.get(testcase.getAttribute("name"));
            String name = testcase.getAttribute("name");
            assertTrue(task != null, "no JSON task named " + name);
            assertEquals(task.get("status").asText(), property(testcase, "jobrun.status"), name);
            assertEquals(task.get("attempts").size(), Integer.parseInt(property(testcase, "jobrun.attempts")), name);
            assertEquals(task.get("run_ms").asDouble() / 1000, Double.parseDouble(testcase.getAttribute("time")),
                    HALF_A_MILLISECOND, name);
            String definedLine = task.get("defined_at").asText().split(":")[1];
            assertEquals(definedLine, testcase.getAttribute("line"), name);
        }
    }

    @Test
    void theTraceHasALinePerAttemptAtTheSameInstants() throws IOException {
        TraceFile trace = TraceFile.read(run.trace());
        Instant started = Instant.parse(json.get("run").get("started").asText());
        Map<String, List<Map<String, String>>> byKey = new HashMap<>();
        for (Map<String, String> line : trace.lines()) {
            byKey.computeIfAbsent(line.get("key"), k -> new ArrayList<>()).add(line);
        }
        assertEquals(tasks.keySet(), new java.util.TreeSet<>(byKey.keySet()));
        for (Json task : tasks.values()) {
            String key = task.get("key").asText();
            List<Map<String, String>> lines = byKey.get(key);
            assertEquals(Math.max(1, task.get("attempts").size()), lines.size(), key);
            assertEquals(task.get("name").asText(), lines.get(0).get("name"), key);
            for (int i = 0; i < task.get("attempts").size(); i++) {
                Json attempt = task.get("attempts").get(i);
                Map<String, String> line = lines.get(i);
                assertEquals(attempt.get("n").asText(), line.get("attempt"), key);
                assertEquals(TraceFile.nextflowStatus(attempt.get("status").asText()), line.get("status"), key);
                assertAt(started, attempt.get("submitted_ms"), line.get("submit"), key + " submit");
                assertAt(started, attempt.get("ended_ms"), line.get("complete"), key + " complete");
                if (!attempt.get("started_ms").isNull()) {
                    assertAt(started, attempt.get("started_ms"), line.get("start"), key + " start");
                }
            }
            Map<String, String> last = lines.get(lines.size() - 1);
            assertEquals(TraceFile.nextflowStatus(task.get("status").asText()), last.get("status"), key);
        }
    }

    @Test
    void theTimelineDrawsEveryInstanceOnceWithTheSameStatusesAndInstants() throws IOException {
        Matcher matcher = HTML_DATA.matcher(Files.readString(run.html()));
        assertTrue(matcher.find(), "the page holds its data");
        Json page = Json.parse(matcher.group(1));
        assertEquals(json.get("counts"), page.get("counts"));
        assertEquals(json.get("run").get("id"), page.get("run_id"));
        int drawn = 0;
        int bands = 0;
        for (Json group : page.get("groups")) {
            for (Json row : group.get("rows")) {
                if (row.has("band")) {
                    bands++;
                    drawn += row.get("count").asInt();
                    continue;
                }
                drawn++;
                Json task = tasks.get(row.get("k").asText());
                String key = row.get("k").asText();
                assertEquals(task.get("status"), row.get("s"), key);
                assertEquals(task.get("executor"), group.get("executor"), key);
                assertEquals(task.get("attempts").size(), row.get("a").size(), key);
                for (int i = 0; i < row.get("a").size(); i++) {
                    Json attempt = task.get("attempts").get(i);
                    Json segment = row.get("a").get(i);
                    assertEquals(attempt.get("submitted_ms").asDouble(), segment.get(0).asDouble(), 0.001, key);
                    assertEquals(attempt.get("ended_ms").asDouble(), segment.get(2).asDouble(), 0.001, key);
                    assertEquals(attempt.get("status"), segment.get(3), key);
                    assertEquals(attempt.get("worker"), segment.get(4), key);
                }
            }
        }
        assertEquals(ReportedRun.INSTANCES, drawn, "every instance drawn once, in a bar or a band");
        assertTrue(bands >= 1, "the 200-item fan-out on two workers is drawn as bands");
    }

    /** {@code traceTime} (local, to the millisecond) is the instant {@code millis} after {@code started}. */
    private static void assertAt(Instant started, Json millis, String traceTime, String what) {
        long expected = started.toEpochMilli() + (long) Math.floor(millis.asDouble() + started.getNano() % 1_000_000
                / 1e6);
        long read = LocalDateTime.parse(traceTime, TRACE_TIME).atZone(ZoneId.systemDefault()).toInstant()
                .toEpochMilli();
        assertTrue(Math.abs(expected - read) <= 1, what + ": trace " + traceTime + " vs JSON " + millis + " ms");
    }

    private static String property(Element testcase, String name) {
        NodeList properties = testcase.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (property.getAttribute("name").equals(name)) {
                return property.getAttribute("value");
            }
        }
        throw new AssertionError(testcase.getAttribute("name") + " has no property " + name);
    }
}
