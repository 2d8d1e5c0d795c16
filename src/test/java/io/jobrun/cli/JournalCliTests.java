package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.json.Json;
import io.jobrun.journal.JournalStore;
import io.jobrun.journal.RecordedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The journal as {@code bin/jobrun} writes it: always on, versioned JSON lines, loud when it cannot be written. */
@Timeout(60)
class JournalCliTests {
    private static final String CHAIN = "src/test/resources/jobs/chain.groovy";

    @TempDir
    Path dir;

    private static List<Map<?, ?>> lines(Path journal) throws IOException {
        List<Map<?, ?>> lines = new ArrayList<>();
        for (String line : Files.readAllLines(journal)) {
            lines.add((Map<?, ?>) Json.read(line));
        }
        return lines;
    }

    private Path onlyJournal(String job) throws IOException {
        JournalStore store = new JournalStore(dir);
        List<String> runs = store.runs(job);
        assertEquals(1, runs.size(), runs::toString);
        return store.journal(job, runs.get(0));
    }

    @Test
    void everyRunRecordsItsStartEachAttemptEachEndAndItsEnd() throws IOException {
        CliRun run = CliRun.of(CHAIN, "--quiet", "--journal", dir.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        List<Map<?, ?>> lines = lines(onlyJournal(CHAIN));
        List<String> events = new ArrayList<>();
        for (Map<?, ?> line : lines) {
            Object who = line.get("task") != null ? line.get("task") : line.get("id");
            events.add(line.get("ev") + (who == null ? "" : " " + who));
        }
        // NOTE: a start is written only when its instance had not ended by the time its batch reached the disk.
        events.removeIf(event -> event.startsWith("start "));
        assertEquals(List.of("run", "parts fetch", "end fetch", "parts shout", "end shout", "done"), events);
        Map<?, ?> header = lines.get(0);
        assertEquals(4, header.get("v"));
        assertEquals(CHAIN, header.get("job"));
        assertEquals(io.jobrun.journal.Digests.sha256(Files.readAllBytes(Path.of(CHAIN))), header.get("jobSha256"));
        assertEquals(Map.of("who", "world"), header.get("params"));
        assertEquals(ProcessHandle.current().pid(), ((Number) header.get("pid")).longValue());
        Map<?, ?> fetch = lines.stream().filter(line -> line.get("ev").equals("end")).findFirst().orElseThrow();
        assertEquals(null, fetch.get("status"), "ok, left out");
        assertEquals("ok", RecordedRun.read(onlyJournal(CHAIN)).ended().get("fetch").status());
        assertEquals("hello world", fetch.get("result"));
        RecordedRun recorded = RecordedRun.read(onlyJournal(CHAIN));
        assertEquals(io.jobrun.journal.Digests.sha256("\"hello world\""), recorded.ended().get("fetch").resultSha256());
        assertEquals(0, lines.get(lines.size() - 1).get("exit"));
    }

    /**
     * The key parts of each task are written once, and every end names the parts of its own task, however the ends of
     * two fan-outs interleave (the journal remembers the last task's parts to skip a lookup per line); an end whose
     * parts are its task's newest leaves their number out, and is read back with them.
     */
    @Test
    void eachEndNamesThePartsLineOfItsOwnTaskWhenFanOutsInterleave() throws IOException {
        Path job = Files.writeString(dir.resolve("two.groovy"), """
                map 'a', over: 1..300, { x -> x }
                map 'b', over: 1..300, { x -> x * 2 }
                map 'c', over: 1..2, after: ['a', 'b'], { x -> x }
                """);
        CliRun run = CliRun.of(job.toString(), "--quiet", "--journal", dir.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        Map<Object, Object> taskOfParts = new java.util.HashMap<>();
        Map<Object, Object> newest = new java.util.HashMap<>();
        Map<String, Integer> ends = new java.util.TreeMap<>();
        int leftOut = 0;
        for (Map<?, ?> line : lines(onlyJournal(job.toString()))) {
            if (line.get("ev").equals("parts")) {
                assertEquals(null, taskOfParts.put(line.get("n"), line.get("task")), "parts written once: " + line);
                newest.put(line.get("task"), line.get("n"));
            } else if (line.get("ev").equals("end")) {
                String spec = line.get("id").toString().replaceAll("#.*", "");
                Object parts = line.containsKey("parts") ? line.get("parts") : newest.get(spec);
                leftOut += line.containsKey("parts") ? 0 : 1;
                assertEquals(spec, taskOfParts.get(parts), line.toString());
                ends.merge(spec, 1, Integer::sum);
            }
        }
        assertEquals(Map.of("a", 300, "b", 300, "c", 2), ends);
        assertEquals(3, taskOfParts.size());
        assertEquals(602, leftOut, "each task has one parts line, its newest");
        RecordedRun recorded = RecordedRun.read(onlyJournal(job.toString()));
        assertEquals(recorded.ended().get("a#0").parts(), recorded.ended().get("a#299").parts());
        assertEquals(java.util.Set.of("task", "code", "helpers", "params"),
                recorded.ended().get("b#7").parts().keySet());
        assertNotEquals(recorded.ended().get("a#0").parts(), recorded.ended().get("b#0").parts());
    }

    @Test
    void failedAttemptsAreEachRecordedWithTheirError() throws IOException {
        Path job = Files.writeString(dir.resolve("flaky.groovy"), """
                int calls = 0
                task 'flaky', retries: 2, backoff: '1ms', { if (++calls < 3) throw new IOException("try " + calls); 'ok' }
                """);
        CliRun run = CliRun.of(job.toString(), "--quiet", "--journal", dir.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> attempts = new ArrayList<>();
        for (Map<?, ?> line : lines(onlyJournal(job.toString()))) {
            if (line.get("ev").equals("attempt")) {
                Map<?, ?> error = (Map<?, ?>) line.get("error");
                attempts.add(line.get("attempt") + " " + line.get("status") + " " + error.get("message") + " at "
                        + error.get("at"));
            }
        }
        assertEquals(List.of("1 failed IOException: try 1 at " + job + ":2:1",
                "2 failed IOException: try 2 at " + job + ":2:1"), attempts);
    }

    @Test
    void theJournalIsBesideTheLaunchDirectoryUnlessMovedAndOffWithNoJournal() throws IOException {
        Path job = Files.writeString(dir.resolve("one.groovy"), "task 'a', { 1 }\n");
        assertTrue(new JournalStore(JournalStore.DEFAULT_ROOT).jobDirectory(job.toString()).toString()
                .matches("\\.jobrun/runs/one\\.groovy-[0-9a-f]{8}"));
        CliRun run = CliRun.of(job.toString(), "--quiet", "--no-journal", "--journal", dir.resolve("j").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertFalse(Files.exists(dir.resolve("j")), "--no-journal writes nothing");
    }

    @Test
    void unwritableJournalIsReportedAtOnceAndFailsTheExitCode() throws IOException {
        Path blocked = Files.writeString(dir.resolve("not-a-directory"), "");
        CliRun run = CliRun.of(CHAIN, "--no-emoji", "--journal", blocked.toString());
        assertEquals(1, run.exitCode(), run.stderr());
        assertTrue(run.stderr().startsWith("jobrun: cannot write the journal in " + blocked + ": "), run.stderr());
        assertTrue(run.stderr().contains("cannot be resumed, and will exit 1"), run.stderr());
        assertTrue(run.stdout().contains("2 ok"), "the tasks ran: " + run.stdout());
    }

    /**
     * The disk fills part-way through a run (a sink that fails after 3 lines): the failure is on stderr while the run
     * still runs (its last task waits for that line), every task still runs, what was written stays, and the exit
     * code is 1.
     */
    @Test
    void aJournalWriteThatFailsMidRunIsReportedAtOnceAndTheRunFinishesWithExit1() throws Exception {
        Path gate = dir.resolve("gate");
        Path job = Files.writeString(dir.resolve("full.groovy"), """
                task 'a', { 1 }
                task 'b', after: ['a'], { 2 }
                task 'last', after: ['b'], { while (!new File('%s').exists()) { sleep 10 }; 3 }
                """.formatted(gate));
        java.util.concurrent.CountDownLatch told = new java.util.concurrent.CountDownLatch(1);
        java.io.ByteArrayOutputStream errBytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(errBytes, true, java.nio.charset.StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                super.println(line);
                if (line.startsWith("jobrun: the journal cannot be written: ")) {
                    told.countDown();
                }
            }
        };
        java.io.ByteArrayOutputStream outBytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(outBytes, true, java.nio.charset.StandardCharsets.UTF_8);
        Cli cli = new Cli(out, err, CliRun.PLAIN, io.jobrun.run.Ticker.FROZEN, System.getenv())
                .writingJournalsThrough(sink -> io.jobrun.journal.FullDisk.after(sink, 3));
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Integer> exit = thread.submit(() -> cli.run(new String[] {job.toString(),
                "--no-emoji", "--journal", dir.toString()}));
            assertTrue(told.await(30, java.util.concurrent.TimeUnit.SECONDS), "told while 'last' runs: " + errBytes);
            assertFalse(exit.isDone(), "the run goes on after the failure");
            Files.writeString(gate, "");
            assertEquals(1, exit.get(30, java.util.concurrent.TimeUnit.SECONDS), errBytes.toString());
        } finally {
            thread.shutdownNow();
        }
        String stderr = errBytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(stderr.contains(": No space left on device; the run goes on, cannot be resumed, and will exit 1"),
                stderr);
        assertEquals(1, stderr.lines().filter(line -> line.contains("journal cannot be written")).count(), stderr);
        assertTrue(outBytes.toString(java.nio.charset.StandardCharsets.UTF_8).contains("3 tasks: 3 ok"),
                "every task ran: " + outBytes);
        List<Map<?, ?>> kept = lines(onlyJournal(job.toString()));
        // NOTE: which lines come after the run's depends on the batches (a start is left out when its end is in its
        // batch); every one read above is whole JSON.
        assertEquals(3, kept.size(), "the lines written before the disk filled stay, whole: " + kept);
        assertEquals("run", kept.get(0).get("ev"));
    }

    @Test
    void logListsTheRunsAndForOneRunItsInstancesWithStatusAttemptsAndTime() throws IOException {
        for (int i = 0; i < 2; i++) {
            assertEquals(0, CliRun.of(CHAIN, "--quiet", "--journal", dir.toString()).exitCode());
        }
        List<String> runs = new JournalStore(dir).runs(CHAIN);
        CliRun log = CliRun.of("log", "--journal", dir.toString());
        assertEquals(0, log.exitCode(), log.stderr());
        assertEquals(runs.get(0) + "  " + CHAIN + "  exit 0, 2 ok\n" + runs.get(1) + "  " + CHAIN + "  exit 0, 2 ok\n",
                log.stdout());
        CliRun one = CliRun.of("log", CHAIN, runs.get(1), "--journal", dir.toString());
        assertEquals(0, one.exitCode(), one.stderr());
        List<String> lines = one.stdout().lines().toList();
        assertEquals("run " + runs.get(1) + " of " + CHAIN + ", exit 0", lines.get(0));
        assertEquals("task   status     attempts  time", lines.get(1));
        assertTrue(lines.get(2).matches("fetch  ok         1         \\d+ ms"), lines.get(2));
        assertTrue(lines.get(3).matches("shout  ok         1         \\d+ ms"), lines.get(3));
    }

    @Test
    void logSaysWhenNoRunIsRecordedAndHowToListThemWhenTheRunNamedIsNone() throws IOException {
        CliRun none = CliRun.of("log", "--journal", dir.toString());
        assertEquals(0, none.exitCode());
        assertEquals("", none.stdout());
        assertEquals("jobrun: no runs recorded in " + dir + " (each run is, unless it is given --no-journal or another"
                + " --journal)\n", none.stderr());
        assertEquals(0, CliRun.of(CHAIN, "--quiet", "--journal", dir.toString()).exitCode());
        CliRun unknown = CliRun.of("log", CHAIN, "last", "--journal", dir.toString());
        assertEquals(2, unknown.exitCode());
        assertEquals("jobrun: no run last in " + dir + " (bin/jobrun log " + CHAIN + " lists them)\n",
                unknown.stderr());
    }

    @Test
    void cleanKeepsTheNewestRunsOfEachJob() throws IOException {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, CliRun.of(CHAIN, "--quiet", "--journal", dir.toString()).exitCode());
        }
        List<String> runs = new JournalStore(dir).runs(CHAIN);
        CliRun clean = CliRun.of("clean", "--keep", "1", "--journal", dir.toString());
        assertEquals(0, clean.exitCode(), clean.stderr());
        assertEquals("deleted 2 journals, kept the newest 1 of each job\n", clean.stdout());
        assertEquals(List.of(runs.get(2)), new JournalStore(dir).runs(CHAIN));
        assertEquals(2, CliRun.of("clean", "--journal", dir.toString()).exitCode(), "--keep is needed");
    }

    @Test
    void logAndCleanExplainThemselvesWithHelpAndDoNothingElse() throws IOException {
        assertEquals(0, CliRun.of(CHAIN, "--quiet", "--journal", dir.toString()).exitCode());
        List<String> runs = new JournalStore(dir).runs(CHAIN);
        CliRun log = CliRun.of("log", "--help", "--journal", dir.toString());
        assertEquals(new CliRun(0, LogCommand.LOG_HELP, ""), log);
        CliRun clean = CliRun.of("clean", "--keep", "0", "-h", "--journal", dir.toString());
        assertEquals(new CliRun(0, LogCommand.CLEAN_HELP, ""), clean);
        assertEquals(runs, new JournalStore(dir).runs(CHAIN), "clean --help deleted nothing");
    }
}
