package io.jobrun.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class JournalFileTests {
    @TempDir
    Path dir;

    @Test
    void appendedLineReachesTheFileBeforeItCloses() throws IOException, InterruptedException {
        List<String> failures = new CopyOnWriteArrayList<>();
        Path path = dir.resolve("runs/x/run.jsonl");
        try (JournalFile file = JournalFile.create(path, failures::add)) {
            file.append("{\"v\":1}");
            // NOTE: the writer commits on its own within its window; the timeout only guards against a hang.
            while (!Files.readString(path).equals("{\"v\":1}\n")) {
                Thread.sleep(5);
            }
            assertTrue(JournalStore.live(path), "a live run's journal is locked");
        }
        assertFalse(JournalStore.live(path), "the lock goes with the run");
        assertEquals(List.of(), failures);
    }

    @Test
    void everyLineIsOnDiskOnceTheFileIsClosed() throws IOException {
        Path path = dir.resolve("run.jsonl");
        JournalFile file = JournalFile.create(path, why -> { });
        for (int i = 0; i < 10_000; i++) {
            file.append("{\"n\":" + i + "}");
        }
        file.close();
        List<String> lines = Files.readAllLines(path);
        assertEquals(10_000, lines.size());
        assertEquals("{\"n\":9999}", lines.get(9_999));
        assertNull(file.failure());
    }

    /** A write the journal forced: what the file held then, and the clock's time then. */
    private record Forced(String content, long atNanos) {
    }

    /** Stands between the journal and its file: reports each force with the file's content and the test's clock. */
    private static JournalSink watching(JournalSink file, Path path, AtomicLong clock, BlockingQueue<Forced> forces) {
        return new JournalSink() {
            @Override
            public void write(ByteBuffer bytes) throws IOException {
                file.write(bytes);
            }

            @Override
            public void force() throws IOException {
                file.force();
                forces.add(new Forced(Files.readString(path), clock.get()));
            }
        };
    }

    /**
     * The promised bound: a line is written and forced once 50 ms have passed on the journal's clock since it was
     * appended, and not before the window. The clock is the test's: nothing here depends on how fast this machine is.
     */
    @Test
    void closingTwiceIsHarmlessAndTellsNoFailure() throws IOException {
        List<String> failures = new CopyOnWriteArrayList<>();
        Path path = dir.resolve("twice.jsonl");
        JournalFile file = JournalFile.create(path, failures::add);
        file.append("{\"n\":1}");
        file.close();
        file.close();
        assertEquals(List.of("{\"n\":1}"), Files.readAllLines(path));
        assertEquals(List.of(), failures);
        assertNull(file.failure());
    }

    @Test
    void aLineIsWrittenAndForcedWithin50msOfItsAppend() throws IOException, InterruptedException {
        AtomicLong clock = new AtomicLong(TimeUnit.SECONDS.toNanos(7));
        BlockingQueue<Forced> forces = new LinkedBlockingQueue<>();
        Path path = dir.resolve("bound.jsonl");
        try (JournalFile file = JournalFile.create(path, why -> { }, sink -> watching(sink, path, clock, forces),
                clock::get, JournalFile.Maker.LINES)) {
            long appended = clock.get();
            file.append("{\"n\":1}");
            assertNull(forces.poll(200, TimeUnit.MILLISECONDS), "forced before its window passed");
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(50));
            Forced forced = forces.poll(20, TimeUnit.SECONDS);
            assertEquals(new Forced("{\"n\":1}\n", appended + TimeUnit.MILLISECONDS.toNanos(50)), forced);
        }
    }

    /**
     * A start is held back for a batch, in case its instance ends soon, and no longer: the start of an instance still
     * running is written and forced with the second batch after it, within the promised 50 ms.
     */
    @Test
    void aStartOfAnInstanceStillRunningIsForcedWithin50msOfIt() throws IOException, InterruptedException {
        AtomicLong clock = new AtomicLong(TimeUnit.SECONDS.toNanos(7));
        BlockingQueue<Forced> forces = new LinkedBlockingQueue<>();
        Path path = dir.resolve("held.jsonl");
        String start = "{\"ev\":\"start\",\"id\":\"a\",\"task\":\"a\"}";
        try (JournalFile file = JournalFile.create(path, why -> { }, sink -> watching(sink, path, clock, forces),
                clock::get, JournalFile.Maker.LINES)) {
            long started = clock.get();
            file.started("a", line(start));
            file.append("{\"n\":1}");
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(JournalFile.WINDOW_MILLIS));
            assertEquals("{\"n\":1}\n", forces.poll(20, TimeUnit.SECONDS).content(), "the start held back");
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(JournalFile.WINDOW_MILLIS));
            Forced forced = forces.poll(20, TimeUnit.SECONDS);
            assertEquals("{\"n\":1}\n" + start + "\n", forced.content());
            assertTrue(forced.atNanos() - started <= TimeUnit.MILLISECONDS.toNanos(50), "within 50 ms");
        }
    }

    /** Lines appended within one window share one write and one force: a commit per batch, not per line. */
    @Test
    void linesAppendedInOneWindowAreCommittedTogetherOnce() throws IOException, InterruptedException {
        AtomicLong clock = new AtomicLong();
        BlockingQueue<Forced> forces = new LinkedBlockingQueue<>();
        Path path = dir.resolve("batch.jsonl");
        try (JournalFile file = JournalFile.create(path, why -> { }, sink -> watching(sink, path, clock, forces),
                clock::get, JournalFile.Maker.LINES)) {
            for (int i = 0; i < 1000; i++) {
                file.append("{\"n\":" + i + "}");
            }
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(JournalFile.WINDOW_MILLIS));
            Forced forced = forces.poll(20, TimeUnit.SECONDS);
            assertEquals(1000, forced.content().lines().count());
            assertNull(forces.poll(200, TimeUnit.MILLISECONDS), "one force for the batch");
        }
        assertTrue(forces.isEmpty(), "nothing left to force at close");
    }

    /**
     * A batch is also taken once BATCH_LINES lines are queued, before its window ends: the writer keeps pace with a
     * fast run instead of leaving its lines to the end. The test's clock never moves, so only the count can start it.
     */
    @Test
    void aBatchIsWrittenOnceEnoughLinesAreQueuedBeforeItsWindowEnds() throws IOException, InterruptedException {
        AtomicLong clock = new AtomicLong();
        BlockingQueue<Forced> forces = new LinkedBlockingQueue<>();
        Path path = dir.resolve("full.jsonl");
        try (JournalFile file = JournalFile.create(path, why -> { }, sink -> watching(sink, path, clock, forces),
                clock::get, JournalFile.Maker.LINES)) {
            for (int i = 0; i < JournalFile.BATCH_LINES - 1; i++) {
                file.append("{\"n\":" + i + "}");
            }
            assertNull(forces.poll(200, TimeUnit.MILLISECONDS), "forced before its window passed or it was full");
            file.append("{\"n\":\"last\"}");
            Forced forced = forces.poll(20, TimeUnit.SECONDS);
            assertEquals(JournalFile.BATCH_LINES, forced.content().lines().count());
            assertEquals(0, forced.atNanos(), "the window had not passed");
        }
    }

    @Test
    void aWriteThatFailsMidRunIsToldAtOnceAndNothingIsWrittenAfterIt() throws IOException, InterruptedException {
        BlockingQueue<String> failures = new LinkedBlockingQueue<>();
        Path path = dir.resolve("full.jsonl");
        try (JournalFile file = JournalFile.create(path, failures::add, sink -> FullDisk.after(sink, 2),
                System::nanoTime, JournalFile.Maker.LINES)) {
            file.append("{\"n\":1}");
            file.append("{\"n\":2}");
            file.append("{\"n\":3}");
            assertEquals(path + ": No space left on device", failures.poll(20, TimeUnit.SECONDS),
                    "told while the file is still open");
            file.append("{\"n\":4}");
        }
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), Files.readAllLines(path));
        assertTrue(failures.isEmpty(), "told once");
    }

    @Test
    void tornLastLineIsIgnoredAndTheRestIsRead() throws IOException {
        Path path = dir.resolve("torn.jsonl");
        Files.writeString(path, """
                {"ev":"run","v":3,"run":"r1","job":"j.groovy"}
                {"ev":"parts","n":0,"task":"a","parts":{"command":"c1"}}
                {"ev":"end","id":"a","task":"a","status":"ok","attempts":1,"ms":1,"key":"k1","parts":0,"result":{"$long":"7"}}
                {"ev":"start","id":"b","task":"b","attempt":1}
                {"ev":"end","id":"b","task":"b","status":"ok","att""");
        RecordedRun run = RecordedRun.read(path);
        assertEquals("r1", run.id());
        assertEquals(List.of("a"), List.copyOf(run.ended().keySet()));
        assertEquals(7L, run.result(run.ended().get("a"), new JournalStore(dir)));
        assertEquals(java.util.Map.of("command", "c1"), run.ended().get("a").parts());
        assertEquals(io.jobrun.journal.Digests.sha256("{\"$long\":\"7\"}"), run.ended().get("a").resultSha256());
        assertEquals(java.util.Map.of("b", "b"), run.unfinished());
        assertFalse(run.finished());
        assertEquals(0, run.skippedLines());
    }

    @Test
    void aMalformedLineIsSkipped() throws IOException {
        Path path = dir.resolve("bad.jsonl");
        Files.writeString(path, "{\"ev\":\"run\",\"v\":3,\"run\":\"r1\"}\n{\"ev\":\"end\",\"id\":\"a\"}\nnot json\n");
        RecordedRun run = RecordedRun.read(path);
        assertEquals(2, run.skippedLines());
        assertTrue(run.ended().isEmpty());
    }

    /** Format 1 began each line with its version; format 2 keyed instances by SHA-256, whose keys never match now. */
    @Test
    void aJournalOfAnOlderFormatIsRefusedWithItsVersion() throws IOException {
        Path first = dir.resolve("r0.jsonl");
        Files.writeString(first, "{\"v\":1,\"ev\":\"run\",\"run\":\"r0\"}\n{\"v\":1,\"ev\":\"end\",\"id\":\"a\"}\n");
        RecordedRun.OlderFormat refused = assertThrows(RecordedRun.OlderFormat.class, () -> RecordedRun.read(first));
        assertEquals(1, refused.version());
        assertEquals(first + " was written by an older jobrun (journal format 1; this one reads format 3)",
                refused.getMessage());
        Path second = dir.resolve("r1.jsonl");
        Files.writeString(second, "{\"ev\":\"run\",\"v\":2,\"run\":\"r1\"}\n"
                + "{\"ev\":\"end\",\"id\":\"a\",\"task\":\"a\",\"status\":\"ok\",\"key\":\"" + "ab".repeat(32) + "\",\"result\":1}\n");
        refused = assertThrows(RecordedRun.OlderFormat.class, () -> RecordedRun.read(second));
        assertEquals(second + " was written by an older jobrun (journal format 2; this one reads format 3)",
                refused.getMessage());
    }

    private static JournalFile.Line line(String text) {
        return out -> out.text(text);
    }

    @Test
    void aStartWhoseEndCameInTheSameBatchIsNeverWrittenButARunningOneIs() throws IOException {
        Path path = dir.resolve("starts.jsonl");
        try (JournalFile file = JournalFile.create(path, failure -> { })) {
            file.append("{\"ev\":\"run\",\"v\":3,\"run\":\"r\"}");
            synchronized (file) {
                // NOTE: holding the file's lock keeps the writer from taking a batch between these calls.
                file.started("a", line("{\"ev\":\"start\",\"id\":\"a\",\"task\":\"a\"}"));
                file.started("b", line("{\"ev\":\"start\",\"id\":\"b\",\"task\":\"b\"}"));
                file.ended("a", "{\"ev\":\"end\",\"id\":\"a\",\"task\":\"a\",\"status\":\"ok\"}");
            }
        }
        assertEquals(List.of("{\"ev\":\"run\",\"v\":3,\"run\":\"r\"}",
                "{\"ev\":\"end\",\"id\":\"a\",\"task\":\"a\",\"status\":\"ok\"}",
                "{\"ev\":\"start\",\"id\":\"b\",\"task\":\"b\"}"), Files.readAllLines(path));
        RecordedRun run = RecordedRun.read(path);
        assertEquals(java.util.Map.of("b", "b"), run.unfinished());
        assertEquals(List.of("a"), List.copyOf(run.ended().keySet()));
    }

    /**
     * An end is matched with the oldest starts held back: behind more than {@link PendingStarts#NEAR} starts of
     * instances still running, a start is written with its end (never a start without its end), and one among them
     * is not, however many lines lie between it and its end.
     */
    @Test
    void aStartBehindManyRunningOnesIsWrittenWithItsEndAndOneAmongThemIsNot() throws IOException {
        Path path = dir.resolve("far.jsonl");
        try (JournalFile file = JournalFile.create(path, failure -> { })) {
            synchronized (file) {
                file.append("{\"ev\":\"run\",\"v\":3,\"run\":\"r\"}");
                file.started("near", line("{\"ev\":\"start\",\"id\":\"near\",\"task\":\"near\"}"));
                for (int i = 0; i < PendingStarts.NEAR; i++) {
                    String id = "long" + i;
                    file.started(id.intern(), line("{\"ev\":\"start\",\"id\":\"" + id + "\",\"task\":\"" + id + "\"}"));
                    file.append("{\"n\":" + i + "}");
                }
                file.started("far", line("{\"ev\":\"start\",\"id\":\"far\",\"task\":\"far\"}"));
                file.ended("far", "{\"ev\":\"end\",\"id\":\"far\",\"task\":\"far\",\"status\":\"ok\"}");
                file.ended("near", "{\"ev\":\"end\",\"id\":\"near\",\"task\":\"near\",\"status\":\"ok\"}");
            }
        }
        List<String> lines = Files.readAllLines(path);
        assertEquals(1 + 2 * PendingStarts.NEAR + 3, lines.size(), "every start but that of 'near'");
        assertTrue(lines.contains("{\"ev\":\"start\",\"id\":\"far\",\"task\":\"far\"}"));
        RecordedRun run = RecordedRun.read(path);
        assertEquals(PendingStarts.NEAR, run.unfinished().size());
        assertEquals(List.of("far", "near"), List.copyOf(run.ended().keySet()));
    }

    /**
     * A start queued while the writer makes a batch goes into the next batch, never into the batch the writer is
     * reading: once a start queued while it read an empty batch of starts went into that very batch, and the writer
     * died (a ConcurrentModificationException) and wrote nothing more. Here the lines themselves queue the starts, on
     * the writer's thread, at the two moments that matter: after the batch was taken with no starts, and while its
     * starts are made.
     */
    @Test
    void startsQueuedWhileTheWriterMakesABatchAreWrittenInALaterOne() throws IOException, InterruptedException {
        Path path = dir.resolve("later.jsonl");
        List<String> failures = new CopyOnWriteArrayList<>();
        String second = "{\"ev\":\"start\",\"id\":\"y\"}";
        try (JournalFile file = JournalFile.create(path, failures::add)) {
            JournalFile.Line secondStart = out -> out.text(second);
            JournalFile.Line firstStart = out -> {
                file.started("y", secondStart); // while the writer reads the batch's starts
                out.text("{\"ev\":\"start\",\"id\":\"x\"}");
            };
            file.append(out -> {
                file.started("x", firstStart); // after the batch was taken, with no starts in it
                out.text("{\"ev\":\"run\"}");
            });
            // NOTE: the writer commits on its own; the timeout only guards against a hang (a writer that died).
            for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                 !Files.readString(path).contains(second) && System.nanoTime() < until; ) {
                Thread.sleep(5);
            }
        }
        assertEquals(List.of("{\"ev\":\"run\"}", "{\"ev\":\"start\",\"id\":\"x\"}", second),
                Files.readAllLines(path));
        assertEquals(List.of(), failures);
    }

    @Test
    void aLineThatCannotBeMadeIsLeftOutAndToldAndTheOthersAreWritten() throws IOException {
        Path path = dir.resolve("unmade.jsonl");
        List<String> failures = new CopyOnWriteArrayList<>();
        try (JournalFile file = JournalFile.create(path, failures::add)) {
            file.append("{\"n\":1}");
            file.append(out -> {
                out.text("{\"n\":2");
                throw new IllegalStateException("a result changed while it was written");
            });
            file.append("{\"n\":3}");
        }
        assertEquals(List.of("{\"n\":1}", "{\"n\":3}"), Files.readAllLines(path));
        assertEquals(List.of(path + ": a line could not be made: java.lang.IllegalStateException: a result changed"
                + " while it was written"), failures);
    }

    /**
     * The text reaches the file as UTF-8 whatever it holds: here non-ASCII text (two-, three- and four-byte forms)
     * stands at the start, in the middle and across the end of a 64 KB chunk of bytes, in lines short and longer than
     * a chunk; a lone surrogate, which has no UTF-8 form, is a '?' (the JSON writer escapes them).
     */
    @Test
    void nonAsciiTextIsWrittenAsUtf8InShortAndLongLines() throws IOException {
        Path path = dir.resolve("utf8.jsonl");
        String mixed = "\u00e9t\u00e9 \u65e5\u672c \ud83d\ude00 \u00ff";
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            lines.add("{\"n\":" + i + ",\"text\":\"" + mixed + "\"}");
        }
        lines.add("{\"long\":\"" + (mixed + "x".repeat(997)).repeat(90) + "\"}"); // past a chunk's 64 KB
        lines.add("{\"after\":\"" + mixed + "\"}");
        try (JournalFile file = JournalFile.create(path, why -> { })) {
            lines.forEach(file::append);
            file.append("{\"lone\":\"\ud800x\udc00\"}");
        }
        lines.add("{\"lone\":\"?x?\"}");
        assertEquals(lines, Files.readAllLines(path, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(String.join("\n", lines).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1,
                Files.size(path), "each character in its UTF-8 form");
    }
}
