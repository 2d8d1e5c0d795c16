package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.journal.JournalStore;
import io.jobrun.journal.RecordedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of the journal end to end: {@code kill -9} of a real runner in the middle of a job with closure,
 * process and shell tasks; its shell tree is stopped by the shell watchdog and its worker JVM ends when it sees its
 * runner gone, each with one owner; then {@code --resume} checks the worker JVMs and says what it found, runs exactly
 * the unfinished instances, and ends with the results an uninterrupted run gives.
 */
class KillAndResumeTests {
    private static final String JOB = "src/test/resources/jobs/resumable.groovy";

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void resumeAfterKill9RunsExactlyTheUnfinishedInstancesAndEndsWithTheUninterruptedResults() throws Exception {
        Path reference = Files.createDirectories(dir.resolve("reference"));
        CliRun uninterrupted = CliRun.of(JOB, "--quiet", "-p", "dir=" + reference, "--journal",
                reference.resolve("state").toString());
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.stderr());

        Path work = Files.createDirectories(dir.resolve("work"));
        Path state = work.resolve("state");
        ForkedJobrun killed = ForkedJobrun.start(work, Map.of("JOBRUN_TEST_HOLD", "1"), JOB, "--quiet", "-p",
                "dir=" + work, "--journal", state.toString());
        long gatePid;
        long workerPid;
        String killedRun;
        try {
            // NOTE: the journal is written in order, so once gate's shell is on disk every earlier end is too.
            Optional<String> gateLine = Optional.empty();
            while (gateLine.isEmpty()) {
                assertTrue(killed.process().isAlive(), () -> "jobrun ended early: " + killed.stderr());
                gateLine = journalLines(state).stream().filter(l -> l.contains("\"what\":\"shell gate\"")).findFirst();
                Thread.sleep(20); // polling a file another process writes; the test's timeout guards a hang
            }
            gatePid = pid(gateLine.get());
            workerPid = pid(journalLines(state).stream().filter(l -> l.contains("\"what\":\"worker JVM\""))
                    .findFirst().orElseThrow());
            assertTrue(ProcessHandle.of(gatePid).map(ProcessHandle::isAlive).orElse(false), "gate's shell runs");
            killedRun = new JournalStore(state).runs(JOB).get(0);
            killed.process().destroyForcibly(); // SIGKILL: no shutdown hook, no last write
            killed.awaitExit();
        } finally {
            killed.destroy();
        }
        // NOTE: nothing but the dead run's own watchers stops these two; should one not, the test's timeout fails it.
        awaitGone(gatePid); // the shell watchdog, on its pipe's end of file
        awaitGone(workerPid); // the worker itself, on seeing its runner gone

        CliRun resumed = CliRun.of(JOB, "--quiet", "-p", "dir=" + work, "--journal", state.toString(), "--resume");
        assertEquals(0, resumed.exitCode(), resumed.stdout() + resumed.stderr());
        assertEquals("jobrun: worker JVM pid " + workerPid + " of run " + killedRun + " had already ended\n",
                resumed.stderr());

        Map<String, String> statuses = new TreeMap<>();
        RecordedRun last = newest(state);
        last.ended().values().forEach(e -> statuses.put(e.task(), e.status()));
        assertEquals("{echo[a]=cached, echo[b]=cached, echo[c]=cached, gate=ok, plus[10]=cached, plus[20]=cached, "
                + "square[1]=cached, square[2]=cached, square[3]=cached, square[4]=cached, total=ok}",
                statuses.toString());
        for (String mark : List.of("square-1", "square-2", "square-3", "square-4", "echo-a", "echo-b", "echo-c",
                "plus-10", "plus-20")) {
            assertEquals("x", Files.readString(work.resolve(mark)).strip(), mark + " ran once");
        }
        assertEquals(List.of("x", "x"), Files.readAllLines(work.resolve("gate")), "gate ran again, once");
        assertEquals(results(newest(reference.resolve("state")), reference.resolve("state")),
                results(last, state));
    }

    private static long pid(String journalLine) {
        return Long.parseLong(journalLine.replaceAll(".*\"pid\":(\\d+).*", "$1"));
    }

    /** Waits until {@code pid} has ended (and was reaped); the test's timeout guards a hang. */
    private static void awaitGone(long pid) throws InterruptedException {
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            Thread.sleep(20);
        }
    }

    private static List<String> journalLines(Path state) throws IOException {
        if (!Files.isDirectory(state.resolve("runs"))) {
            return List.of();
        }
        List<Path> journals = new JournalStore(state).allJournals();
        return journals.isEmpty() ? List.of() : Files.readAllLines(journals.get(0));
    }

    private static RecordedRun newest(Path state) throws IOException {
        List<String> runs = new JournalStore(state).runs(JOB);
        return RecordedRun.read(new JournalStore(state).journal(JOB, runs.get(runs.size() - 1)));
    }

    /** Every instance's result, as the run recorded it. */
    private static Map<String, Object> results(RecordedRun run, Path state) throws IOException {
        Map<String, Object> results = new TreeMap<>();
        for (RecordedRun.Ended ended : run.ended().values()) {
            results.put(ended.task(), run.result(ended, new JournalStore(state)));
        }
        return results;
    }
}
