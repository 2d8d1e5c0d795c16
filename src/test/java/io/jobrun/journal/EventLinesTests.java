package io.jobrun.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.job.RetryPolicy;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskCallbacks;
import io.jobrun.job.TaskSpec;
import io.jobrun.json.JsonWriter;
import io.jobrun.run.AttemptRecord;
import io.jobrun.run.InstanceId;
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunResult;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lines made from a run's events: the common end line's bytes, and what a resume reads back of each status. */
class EventLinesTests {
    private static final SourcePosition AT = new SourcePosition("j.groovy", 3, 1);
    /** A key whose halves have their high bits set (a sign that leaks into the hex would show). */
    private static final InstanceKey KEY = InstanceKey.of(0x8123456789abcdefL, 0xfedcba9876543210L, Map.of());

    @TempDir
    Path dir;

    private static TaskInstance instance(String spec, int item, String name) {
        TaskSpec declared = new TaskSpec(spec, "pool", new TaskBody.Code(c -> null), null, RetryPolicy.none(),
                List.of(), null, null, false, TaskCallbacks.none(), AT);
        return new TaskInstance(new InstanceId(spec, item), name, declared, "pool", item, AT);
    }

    private static TaskOutcome outcome(TaskInstance task, TaskStatus status, Object result, Throwable error) {
        AttemptRecord attempt = new AttemptRecord(1, "pool", "pool_0", 0, 1_000_000, 3_500_000, status, error);
        List<AttemptRecord> history = status == TaskStatus.SKIPPED ? List.of() : List.of(attempt);
        return new TaskOutcome(task, status, result, error, history);
    }

    private EventLines lines() {
        RunHeader header = new RunHeader("r1", "j.groovy", "", Map.of(), "test", 1, null, null);
        return new EventLines(header, new ResultFiles(dir.resolve("results"), why -> { }), id -> null, id -> null);
    }

    /** The common line's text, or null when it gave the outcome back to the JSON path. */
    private static String common(TaskOutcome outcome, String reason) {
        LineBuffer out = new LineBuffer(16);
        out.ascii('x'); // a line before it, which it must leave alone
        boolean written = new CommonLines().end(out, outcome, 1234, KEY, 2, reason);
        ByteBuffer bytes = out.contents();
        String text = new String(bytes.array(), 1, bytes.limit() - 1, StandardCharsets.UTF_8);
        if (!written) {
            assertEquals(1, out.size(), "nothing left of a line given back");
            return null;
        }
        return text;
    }

    private String json(TaskOutcome outcome, String reason) {
        StringBuilder text = new StringBuilder();
        lines().endLine(JsonWriter.compact(text), outcome, 1234, KEY, 2, reason);
        return text.toString();
    }

    @Test
    void theCommonEndLineHasTheBytesOfTheJsonPathForTheSameOutcome() {
        List<Object> results = new ArrayList<>(Arrays.asList(0, 7, -42, Integer.MIN_VALUE, Integer.MAX_VALUE, "",
                "plain text", "x".repeat(256), true, false, null, List.of(), List.of(1, "two", true),
                Arrays.asList(null, -1), new ArrayList<>(List.of(9)), java.util.Collections.nCopies(16, 1)));
        for (TaskInstance task : List.of(instance("a", 3, "a[3]"), instance("build", InstanceId.SINGLE, "build"),
                instance("a", 123_456, "a[item 123456]"))) {
            for (TaskStatus status : List.of(TaskStatus.OK, TaskStatus.CACHED)) {
                for (String reason : Arrays.asList(null, "unchanged since run 20261202T084549.141Z-2539")) {
                    for (Object result : results) {
                        TaskOutcome outcome = outcome(task, status, result, null);
                        String expected = json(outcome, reason);
                        assertEquals(expected, common(outcome, reason), expected);
                    }
                }
            }
        }
        // NOTE: the bytes ef cd ab 89 67 45 23 81 10 32 54 76 98 ba dc fe, in base64url without padding
        assertTrue(json(outcome(instance("a", 3, "a[3]"), TaskStatus.OK, 5, null), null).contains(
                "\"key\":\"782riWdFI4EQMlR2mLrc_g\""), "each half's bytes little-endian, h1 first");
    }

    @Test
    void anEndLeavesOutTheNameStatusAndAttemptsThatMostEndsHave() {
        TaskOutcome plain = outcome(instance("a", 3, "a[3]"), TaskStatus.OK, 5, null);
        assertEquals("{\"ev\":\"end\",\"id\":\"a#3\",\"t\":1234,\"ms\":2,\"key\":\"782riWdFI4EQMlR2mLrc_g\","
                + "\"parts\":2,\"result\":5}", common(plain, null));
        TaskOutcome cached = outcome(instance("a", 3, "a[c.txt]"), TaskStatus.CACHED, 5, null);
        assertEquals("{\"ev\":\"end\",\"id\":\"a#3\",\"task\":\"a[c.txt]\",\"t\":1234,\"status\":\"cached\","
                + "\"ms\":2,\"key\":\"782riWdFI4EQMlR2mLrc_g\",\"parts\":2,\"result\":5}", common(cached, null));
        AttemptRecord first = new AttemptRecord(1, "pool", "pool_0", 0, 1_000_000, 2_000_000, TaskStatus.FAILED, null);
        AttemptRecord second = new AttemptRecord(2, "pool", "pool_1", 0, 3_000_000, 4_000_000, TaskStatus.OK, null);
        TaskOutcome retried = new TaskOutcome(instance("b", InstanceId.SINGLE, "b"), TaskStatus.OK, 5, null,
                List.of(first, second));
        assertEquals("{\"ev\":\"end\",\"id\":\"b\",\"t\":1234,\"attempts\":2,\"ms\":2,"
                + "\"key\":\"782riWdFI4EQMlR2mLrc_g\",\"parts\":2,\"result\":5}", common(retried, null));
        assertTrue(json(outcome(instance("c", InstanceId.SINGLE, "c"), TaskStatus.FAILED, null,
                new IllegalStateException("broken")), null).startsWith(
                "{\"ev\":\"end\",\"id\":\"c\",\"t\":1234,\"status\":\"failed\",\"ms\":2,"));
    }

    /**
     * An end whose key parts are the newest parts line of its task leaves their number out; one whose parts are an
     * older line of its task names it; each reads back with its own parts.
     */
    @Test
    void anEndWhosePartsAreItsTasksNewestLeavesTheirNumberOutAndReadsThemBack() throws IOException {
        Map<String, String> first = Map.of("command", "echo a");
        Map<String, String> second = Map.of("command", "echo b");
        List<Map<String, String>> partsOfItem = List.of(first, second, first, second);
        JournalStore store = new JournalStore(dir.resolve("journal"));
        RunHeader header = new RunHeader("r1", "j.groovy", "", Map.of(), "test", 1, null, null);
        Journal journal = Journal.open(store, header,
                task -> InstanceKey.of(task.id().item(), 7, partsOfItem.get(task.id().item())), id -> null, why -> { });
        journal.onEvent(new RunEvent.JobStarted(0, Instant.EPOCH, "j.groovy", List.of(), List.of()));
        for (int item = 0; item < partsOfItem.size(); item++) {
            journal.onEvent(new RunEvent.TaskFinished(5_000_000, outcome(instance("x", item, "x[" + item + "]"),
                    TaskStatus.OK, item, null)));
        }
        journal.onEvent(new RunEvent.JobFinished(9_000_000, new RunResult(null, List.of(), Duration.ofMillis(9),
                null, List.of())));
        journal.close();
        List<String> numbers = java.nio.file.Files.readAllLines(journal.path()).stream()
                .filter(line -> line.startsWith("{\"ev\":\"end\""))
                .map(line -> line.replaceAll(".*?(\"parts\":\\d+)?,\"result\".*", "$1")).toList();
        assertEquals(List.of("", "", "\"parts\":0", ""), numbers);
        RecordedRun run = RecordedRun.read(journal.path());
        for (int item = 0; item < partsOfItem.size(); item++) {
            assertEquals(partsOfItem.get(item), run.ended().get("x#" + item).parts(), "x#" + item);
        }
    }

    @Test
    void theCommonStartLineHasTheBytesOfTheJsonPathAndGivesBackAnyOther() {
        List<TaskInstance> plain = List.of(instance("a", 3, "a[3]"), instance("build", InstanceId.SINGLE, "build"));
        for (TaskInstance task : plain) {
            RunEvent.AttemptStarted started = new RunEvent.AttemptStarted(12_345_678, task, 2, "pool_1");
            StringBuilder text = new StringBuilder();
            lines().startLine(JsonWriter.compact(text), started);
            LineBuffer out = new LineBuffer(8);
            assertTrue(new CommonLines().start(out, task, 12, 2, "pool_1"));
            assertEquals(text.toString(), new String(out.contents().array(), 0, out.size(), StandardCharsets.UTF_8));
        }
        for (Object[] other : List.of(new Object[] {instance("a", 3, "a[\u00e9]"), "pool_1"},
                new Object[] {instance("a", 3, "a[3]"), "w\"1"}, new Object[] {instance("a", 3, "a[3]"), null})) {
            LineBuffer out = new LineBuffer(8);
            assertFalse(new CommonLines().start(out, (TaskInstance) other[0], 12, 1, (String) other[1]));
            assertEquals(0, out.size());
        }
    }

    @Test
    void anyOtherOutcomeIsGivenBackToTheJsonPath() {
        TaskInstance task = instance("a", 3, "a[3]");
        for (Object result : Arrays.asList(42L, Long.MAX_VALUE, 1.5, "quote \" in it", "back\\slash", "tab\t",
                "\u00e9t\u00e9", "x".repeat(257), Map.of("a", 1), List.of(List.of(1)),
                java.util.Collections.nCopies(17, 1), Set.of(1), new StringBuilder("text"), Path.of("p"))) {
            assertNull(common(outcome(task, TaskStatus.OK, result, null), null), String.valueOf(result));
        }
        assertNull(common(outcome(instance("a\u00e9", 3, "a\u00e9[3]"), TaskStatus.OK, 1, null), null));
        assertNull(common(outcome(instance("a", 3, "a[\"q\"]"), TaskStatus.OK, 1, null), null));
        assertNull(common(outcome(task, TaskStatus.OK, 1, null), "result of 'f\u00e9tch' changed"));
    }

    /**
     * A start is held back for a batch: dropped when its instance's end comes by then, else written and forced with
     * the second batch after it, within the promised 50 ms. The clock is the test's.
     */
    @Test
    void aStartIsDroppedWhenItsEndComesWithinABatchElseForcedWithin50ms() throws Exception {
        AtomicLong clock = new AtomicLong(TimeUnit.SECONDS.toNanos(7));
        BlockingQueue<JournalFileTests.Forced> forces = new LinkedBlockingQueue<>();
        Path path = dir.resolve("held.jsonl");
        TaskInstance quick = instance("quick", InstanceId.SINGLE, "quick");
        TaskInstance slow = instance("slow", InstanceId.SINGLE, "slow");
        try (JournalFile file = JournalFile.create(path, why -> { },
                sink -> JournalFileTests.watching(sink, path, clock, forces), clock::get, lines())) {
            file.append(new RunEvent.JobStarted(0, Instant.EPOCH, "j.groovy", List.of(), List.of()));
            long started = clock.get();
            file.append(new RunEvent.AttemptStarted(1_000_000, quick, 1, "pool_0"));
            file.append(new RunEvent.AttemptStarted(1_000_000, slow, 1, "pool_1"));
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(JournalFile.WINDOW_MILLIS));
            List<String> first = forces.poll(20, TimeUnit.SECONDS).content().lines().toList();
            assertEquals(1, first.size(), "the starts held back: " + first);
            file.append(new RunEvent.TaskFinished(2_000_000, outcome(quick, TaskStatus.OK, 1, null)));
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(JournalFile.WINDOW_MILLIS));
            JournalFileTests.Forced second = forces.poll(20, TimeUnit.SECONDS);
            List<String> lines = second.content().lines().toList();
            assertEquals(3, lines.size(), lines.toString());
            assertTrue(lines.get(1).startsWith("{\"ev\":\"end\",\"id\":\"quick\""), lines.get(1));
            assertEquals("{\"ev\":\"start\",\"id\":\"slow\",\"t\":1,\"attempt\":1,"
                    + "\"worker\":\"pool_1\"}", lines.get(2));
            assertTrue(second.atNanos() - started <= TimeUnit.MILLISECONDS.toNanos(50), "within 50 ms");
        }
    }

    /** Each attempt's start is dropped by its own end: the retry line of the one that failed, the end of the last. */
    @Test
    void aRetriedInstanceThatEndsWithinItsBatchLeavesNoStartLine() throws Exception {
        AtomicLong clock = new AtomicLong(TimeUnit.SECONDS.toNanos(7));
        Path path = dir.resolve("retried.jsonl");
        TaskInstance flaky = instance("flaky", InstanceId.SINGLE, "flaky");
        AttemptRecord failed = new AttemptRecord(1, "pool", "pool_0", 0, 1_000_000, 2_000_000, TaskStatus.FAILED,
                new IllegalStateException("once"));
        AttemptRecord passed = new AttemptRecord(2, "pool", "pool_1", 0, 3_000_000, 4_000_000, TaskStatus.OK, null);
        try (JournalFile file = JournalFile.create(path, why -> { }, sink -> sink, clock::get, lines())) {
            file.append(new RunEvent.JobStarted(0, Instant.EPOCH, "j.groovy", List.of(), List.of()));
            file.append(new RunEvent.AttemptStarted(1_000_000, flaky, 1, "pool_0"));
            file.append(new RunEvent.RetryScheduled(2_000_000, flaky, failed, Duration.ZERO));
            file.append(new RunEvent.AttemptStarted(3_000_000, flaky, 2, "pool_1"));
            file.append(new RunEvent.TaskFinished(4_000_000, new TaskOutcome(flaky, TaskStatus.OK, 1, null,
                    List.of(failed, passed))));
        }
        List<String> kinds = java.nio.file.Files.readAllLines(path).stream()
                .map(line -> line.replaceAll("^\\{\"ev\":\"([a-z]+)\".*", "$1")).toList();
        assertEquals(List.of("run", "attempt", "end"), kinds);
    }

    /**
     * Every status, through the journal and back: what a resume reads of each instance is what it ended with, the
     * common lines and the others alike, and an instance still running when the journal closed is unfinished.
     */
    @Test
    void everyStatusIsReadBackAsItEndedWhicheverPathMadeItsLine() throws IOException {
        JournalStore store = new JournalStore(dir.resolve("journal"));
        Map<String, TaskOutcome> ended = new LinkedHashMap<>();
        ended.put("ok", outcome(instance("ok", 0, "ok[0]"), TaskStatus.OK, 41, null));
        ended.put("list", outcome(instance("list", InstanceId.SINGLE, "list"), TaskStatus.OK, List.of("a", 2), null));
        ended.put("long", outcome(instance("long", InstanceId.SINGLE, "long"), TaskStatus.OK, 41L, null));
        ended.put("map", outcome(instance("map", InstanceId.SINGLE, "map"), TaskStatus.OK, Map.of("k", 1.5), null));
        ended.put("cached", outcome(instance("cached", 1, "cached[1]"), TaskStatus.CACHED, "again", null));
        ended.put("named", outcome(instance("named", 2, "named[c.txt]"), TaskStatus.OK, 3, null));
        ended.put("failed", outcome(instance("failed", InstanceId.SINGLE, "failed"), TaskStatus.FAILED, null,
                new IllegalStateException("broken")));
        ended.put("timeout", outcome(instance("timeout", InstanceId.SINGLE, "timeout"), TaskStatus.TIMEOUT, null,
                null));
        ended.put("cancelled", outcome(instance("cancelled", InstanceId.SINGLE, "cancelled"), TaskStatus.CANCELLED,
                null, null));
        ended.put("skipped", outcome(instance("skipped", InstanceId.SINGLE, "skipped"), TaskStatus.SKIPPED, null,
                null));
        Map<String, InstanceKey> keys = new HashMap<>();
        ended.values().forEach(o -> keys.put(o.task().name(), InstanceKey.of(o.task().name().hashCode(), 7,
                Map.of("code", "0123456789abcdef"))));
        TaskInstance running = instance("running", InstanceId.SINGLE, "running");
        RunHeader header = new RunHeader("r1", "j.groovy", "", Map.of(), "test", 1, null, null);
        Journal journal = Journal.open(store, header, task -> keys.get(task.name()), id -> null, why -> { });
        journal.onEvent(new RunEvent.JobStarted(0, Instant.EPOCH, "j.groovy", List.of(), List.of()));
        for (TaskOutcome outcome : ended.values()) {
            journal.onEvent(new RunEvent.AttemptStarted(1_000_000, outcome.task(), 1, "pool_0"));
            journal.onEvent(new RunEvent.TaskFinished(5_000_000, outcome));
        }
        journal.onEvent(new RunEvent.AttemptStarted(6_000_000, running, 1, "pool_1"));
        journal.onEvent(new RunEvent.JobFinished(9_000_000, new RunResult(null, List.copyOf(ended.values()),
                Duration.ofMillis(9), null, List.of())));
        journal.close();
        assertNull(journal.failure());
        RecordedRun run = RecordedRun.read(journal.path());
        assertEquals(Map.of("running", "running"), run.unfinished());
        for (TaskOutcome outcome : ended.values()) {
            RecordedRun.Ended line = run.ended().get(outcome.task().id().toString());
            String name = outcome.task().name();
            assertEquals(outcome.status().word(), line.status(), name);
            assertEquals(name, line.task(), "the name, written or made again from the id");
            assertEquals(keys.get(name).digest(), line.key(), name);
            assertEquals(Map.of("code", "0123456789abcdef"), line.parts(), name);
            assertEquals(1, line.attempts() + (outcome.status() == TaskStatus.SKIPPED ? 1 : 0), name);
            if (outcome.status().succeeded()) {
                assertEquals(outcome.result(), run.result(line, store), name);
                assertTrue(line.reusable(), name);
            } else {
                assertFalse(line.reusable(), name);
            }
        }
        assertEquals("broken", run.ended().get("failed").error().replaceAll(".*: ", ""));
    }
}
