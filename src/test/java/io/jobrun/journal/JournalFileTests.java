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
    record Forced(String content, long atNanos) {
    }

    /** Stands between the journal and its file: reports each force with the file's content and the test's clock. */
    static JournalSink watching(JournalSink file, Path path, AtomicLong clock, BlockingQueue<Forced> forces) {
        return watching(file, path, clock, forces, new LinkedBlockingQueue<>());
    }

    /** As {@link #watching(JournalSink, Path, AtomicLong, BlockingQueue)}, and tells how many lines each write ends. */
    static JournalSink watching(JournalSink file, Path path, AtomicLong clock, BlockingQueue<Forced> forces,
                                BlockingQueue<Integer> writes) {
        return new JournalSink() {
            @Override
            public void write(ByteBuffer bytes) throws IOException {
                int lines = 0;
                for (int i = bytes.position(); i < bytes.limit(); i++) {
                    lines += bytes.get(i) == '\n' ? 1 : 0;
                }
                file.write(bytes);
                writes.add(lines);
            }

            @Override
            public void force() throws IOException {
                file.force();
                forces.add(new Forced(Files.readString(path), clock.get()));
            }
        };
    }

    /** Waits until the writes the journal made end {@code lines} lines in all. */
    static void awaitWritten(BlockingQueue<Integer> writes, int lines) throws InterruptedException {
        for (int written = 0; written < lines; ) {
            Integer more = writes.poll(20, TimeUnit.SECONDS);
            assertTrue(more != null, "written " + written + " lines of " + lines);
            written += more;
        }
    }

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

    /**
     * The promised bound: a line is written and forced once 50 ms have passed on the journal's clock since it was
     * appended, and not before the window. The clock is the test's: nothing here depends on how fast this machine is.
     */
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
     * The lines queued before {@link JournalFile#awaitOnDisk} are written and forced at once, together, and the call
     * returns only then; the journal's clock never moves here, so no window could have ended.
     */
    @Test
    @Timeout(60)
    void linesAwaitedAreOnDiskWhenTheWaitReturnsWithoutWaitingForTheirWindowInOneForce() throws IOException,
            InterruptedException {
        AtomicLong clock = new AtomicLong(TimeUnit.SECONDS.toNanos(7));
        BlockingQueue<Forced> forces = new LinkedBlockingQueue<>();
        Path path = dir.resolve("durable.jsonl");
        try (JournalFile file = JournalFile.create(path, why -> { }, sink -> watching(sink, path, clock, forces),
                clock::get, JournalFile.Maker.LINES)) {
            file.append("{\"n\":1}");
            file.append((JournalFile.Line) out -> out.text("{\"n\":2}"));
            file.append((JournalFile.Line) out -> out.text("{\"n\":3}"));
            file.awaitOnDisk();
            Forced forced = forces.poll();
            assertEquals(new Forced("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n", clock.get()), forced,
                    "forced before the call returned");
            assertNull(forces.poll(), "once for the three");
            file.awaitOnDisk();
            assertNull(forces.poll(200, TimeUnit.MILLISECONDS), "nothing new to force, no force");
            file.append("{\"n\":4}");
            assertNull(forces.poll(200, TimeUnit.MILLISECONDS), "the next line waits for its window again");
        }
    }

    /** A journal that cannot be written does not hold up what waits for its lines on disk: the failure is told. */
    @Test
    @Timeout(60)
    void aWaitForLinesThatCannotBeWrittenReturnsAndTheFailureIsTold() throws IOException {
        Path path = dir.resolve("full.jsonl");
        List<String> failures = new CopyOnWriteArrayList<>();
        JournalSink full = new JournalSink() {
            @Override
            public void write(ByteBuffer bytes) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void force() {
            }
        };
        try (JournalFile file = JournalFile.create(path, failures::add, sink -> full, () -> 0L,
                JournalFile.Maker.LINES)) {
            file.append((JournalFile.Line) out -> out.text("{\"n\":1}"));
            file.awaitOnDisk();
            assertEquals(List.of(path + ": No space left on device"), failures);
        }
    }

    /**
     * A force that fails with an error rather than an exception (a device gone, a bug below) is told like any failure,
     * and answers the wait all the same: a once task's launch waits for its line, and must not wait forever.
     */
    @Test
    void aWaitForLinesWhoseForceFailsWithAnErrorReturnsAndTheFailureIsTold() throws IOException {
        Path path = dir.resolve("gone.jsonl");
        List<String> failures = new CopyOnWriteArrayList<>();
        try (JournalFile file = JournalFile.create(path, failures::add, sink -> new JournalSink() {
            @Override
            public void write(ByteBuffer bytes) throws IOException {
                sink.write(bytes);
            }

            @Override
            public void force() {
                throw new AssertionError("the device went away");
            }
        }, () -> 0L, JournalFile.Maker.LINES)) {
            file.append((JournalFile.Line) out -> out.text("{\"n\":1}"));
            file.awaitOnDisk();
            assertEquals(List.of(path + ": the device went away"), failures);
            file.append((JournalFile.Line) out -> out.text("{\"n\":2}"));
            file.awaitOnDisk();
        }
        assertEquals(List.of("{\"n\":1}"), Files.readAllLines(path), "nothing written after the failure");
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

    /** A lone line waits for no other: it is written and forced as its window ends, not before. */
    @Test
    void aLoneLineIsWrittenAndForcedAsItsWindowEnds() throws IOException, InterruptedException {
        assertForcedAsTheWindowOfTheFirstEnds(1);
    }

    /**
     * A batch is also written once BATCH_LINES lines are queued, before its window ends: the writer keeps pace with a
     * fast run instead of leaving its lines to the end. The test's clock never moves, so only the count can start it.
     */
    @Test
    void aBatchIsWrittenOnceEnoughLinesAreQueuedBeforeItsWindowEnds() throws IOException, InterruptedException {
        AtomicLong clock = new AtomicLong();
        BlockingQueue<Integer> writes = new LinkedBlockingQueue<>();
        Path path = dir.resolve("full.jsonl");
        try (JournalFile file = JournalFile.create(path, why -> { },
                sink -> watching(sink, path, clock, new LinkedBlockingQueue<>(), writes), clock::get,
                JournalFile.Maker.LINES)) {
            for (int i = 0; i < JournalFile.BATCH_LINES - 1; i++) {
                file.append("{\"n\":" + i + "}");
            }
            assertNull(writes.poll(200, TimeUnit.MILLISECONDS), "written before its window passed or it was full");
            file.append("{\"n\":\"last\"}");
            awaitWritten(writes, JournalFile.BATCH_LINES);
            assertEquals(JournalFile.BATCH_LINES, Files.readAllLines(path).size());
        }
    }

    /**
     * Batches written within one window share one force, when the oldest of their lines was appended a window ago: a
     * fast run that fills a batch every few milliseconds forces its file every window, not every batch (each force
     * waits milliseconds for the device). The test's clock stands still until the three batches are written.
     */
    @Test
    void batchesWrittenWithinOneWindowAreForcedOnce() throws IOException, InterruptedException {
        AtomicLong clock = new AtomicLong();
        BlockingQueue<Forced> forces = new LinkedBlockingQueue<>();
        BlockingQueue<Integer> writes = new LinkedBlockingQueue<>();
        Path path = dir.resolve("batches.jsonl");
        try (JournalFile file = JournalFile.create(path, why -> { },
                sink -> watching(sink, path, clock, forces, writes), clock::get, JournalFile.Maker.LINES)) {
            for (int batch = 0; batch < 3; batch++) {
                for (int i = 0; i < JournalFile.BATCH_LINES; i++) {
                    file.append("{\"batch\":" + batch + "}");
                }
                awaitWritten(writes, JournalFile.BATCH_LINES);
            }
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(JournalFile.WINDOW_MILLIS));
            Forced forced = forces.poll(20, TimeUnit.SECONDS);
            assertEquals(3 * JournalFile.BATCH_LINES, forced.content().lines().count(), "the three batches at once");
            assertEquals(TimeUnit.MILLISECONDS.toNanos(JournalFile.WINDOW_MILLIS), forced.atNanos());
            assertNull(forces.poll(200, TimeUnit.MILLISECONDS), "forced once");
        }
        assertTrue(forces.isEmpty(), "nothing left to force at close");
    }

    /**
     * A force waits for the device, milliseconds each, and runs on a thread of its own: while one has not returned,
     * the writer goes on writing the lines that come, and a wait for lines on disk returns only once the force that
     * holds them did.
     */
    @Test
    void linesAreWrittenWhileAForceWaitsForTheDevice() throws IOException, InterruptedException {
        AtomicLong clock = new AtomicLong();
        BlockingQueue<Integer> writes = new LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch forcing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch device = new java.util.concurrent.CountDownLatch(1);
        Path path = dir.resolve("slow-device.jsonl");
        try (JournalFile file = JournalFile.create(path, why -> { }, sink -> new JournalSink() {
            @Override
            public void write(ByteBuffer bytes) throws IOException {
                int lines = bytes.remaining() == 0 ? 0 : 1;
                sink.write(bytes);
                writes.add(lines);
            }

            @Override
            public void force() throws IOException {
                forcing.countDown();
                try {
                    device.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                sink.force();
            }
        }, clock::get, JournalFile.Maker.LINES)) {
            try {
                file.append("{\"n\":1}");
                clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(JournalFile.WINDOW_MILLIS));
                assertTrue(forcing.await(20, TimeUnit.SECONDS), "the first line's force began");
                Thread waiter = Thread.ofPlatform().start(file::awaitOnDisk);
                file.append("{\"n\":2}");
                clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(JournalFile.WINDOW_MILLIS));
                awaitWritten(writes, 2);
                assertEquals("{\"n\":1}\n{\"n\":2}\n", Files.readString(path), "written while the force waits");
                waiter.join(200);
                assertTrue(waiter.isAlive(), "on disk only once the device has taken it");
                device.countDown();
                waiter.join();
            } finally {
                device.countDown(); // NOTE: a failed check must not leave the close waiting for the device
            }
        }
        assertEquals(2, Files.readAllLines(path).size());
    }

    /**
     * A batch written before its window ends (it was full) is forced when the window of its oldest line ends, though
     * no line comes after it to wake the writer: it wakes by itself.
     */
    @Test
    void aBatchWrittenEarlyIsForcedAsItsWindowEndsThoughNoMoreLinesCome() throws IOException, InterruptedException {
        assertForcedAsTheWindowOfTheFirstEnds(JournalFile.BATCH_LINES);
    }

    /**
     * Appends {@code count} lines at one instant of the test's clock and sees them written, then forced exactly as
     * their window ends, once.
     */
    private void assertForcedAsTheWindowOfTheFirstEnds(int count) throws IOException, InterruptedException {
        AtomicLong clock = new AtomicLong(TimeUnit.SECONDS.toNanos(5));
        BlockingQueue<Forced> forces = new LinkedBlockingQueue<>();
        BlockingQueue<Integer> writes = new LinkedBlockingQueue<>();
        Path path = dir.resolve("window-" + count + ".jsonl");
        try (JournalFile file = JournalFile.create(path, why -> { },
                sink -> watching(sink, path, clock, forces, writes), clock::get, JournalFile.Maker.LINES)) {
            long appended = clock.get();
            for (int i = 0; i < count; i++) {
                file.append("{\"n\":" + i + "}");
            }
            if (count == JournalFile.BATCH_LINES) {
                awaitWritten(writes, count); // NOTE: a full batch is written at once; a smaller one waits its window
            }
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(JournalFile.WINDOW_MILLIS - 1));
            assertNull(forces.poll(200, TimeUnit.MILLISECONDS), "forced before its oldest line's window passed");
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
            Forced forced = forces.poll(20, TimeUnit.SECONDS);
            assertEquals(count, forced.content().lines().count());
            assertEquals(appended + TimeUnit.MILLISECONDS.toNanos(JournalFile.WINDOW_MILLIS), forced.atNanos());
        }
        assertTrue(forces.isEmpty(), "nothing left to force at close");
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
                {"ev":"run","v":4,"run":"r1","job":"j.groovy"}
                {"ev":"parts","n":0,"task":"a","parts":{"command":"c1"}}
                {"ev":"end","id":"a","ms":1,"key":"k1","parts":0,"result":{"$long":"7"}}
                {"ev":"start","id":"b","attempt":1}
                {"ev":"end","id":"b","ms":1,"k""");
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
        Files.writeString(path, "{\"ev\":\"run\",\"v\":4,\"run\":\"r1\"}\n{\"ev\":\"end\",\"task\":\"a\"}\nnot json\n");
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
        assertEquals(first + " was written by an older jobrun (journal format 1; this one reads format 4)",
                refused.getMessage());
        Path second = dir.resolve("r1.jsonl");
        Files.writeString(second, "{\"ev\":\"run\",\"v\":2,\"run\":\"r1\"}\n"
                + "{\"ev\":\"end\",\"id\":\"a\",\"task\":\"a\",\"status\":\"ok\",\"key\":\"" + "ab".repeat(32)
                + "\",\"result\":1}\n");
        refused = assertThrows(RecordedRun.OlderFormat.class, () -> RecordedRun.read(second));
        assertEquals(second + " was written by an older jobrun (journal format 2; this one reads format 4)",
                refused.getMessage());
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
