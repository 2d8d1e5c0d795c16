package io.jobrun.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.journal.RecordedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a resume does with the child processes a dead run journaled: worker JVMs only, and only its own. */
@Timeout(60)
class OrphansTests {
    @TempDir
    Path dir;

    private static Process sleeper() throws IOException {
        return new ProcessBuilder("sleep", "300").start();
    }

    private static String proc(Process process, String started, String what) {
        return "{\"ev\":\"proc\",\"pid\":" + process.pid() + ",\"started\":\"" + started + "\",\"what\":\""
                + what + "\"}\n";
    }

    private static String started(Process process) {
        return process.toHandle().info().startInstant().map(Instant::toString).orElseThrow();
    }

    private RecordedRun deadRun(String... lines) throws IOException {
        Path journal = dir.resolve("dead.jsonl");
        Files.writeString(journal, "{\"ev\":\"run\",\"v\":4,\"run\":\"r-dead\",\"job\":\"j.groovy\",\"pid\":1}\n"
                + String.join("", lines));
        return RecordedRun.read(journal);
    }

    @Test
    void aLiveWorkerJvmOfADeadRunIsStoppedAndTheResumeSaysSo() throws Exception {
        Process worker = sleeper();
        try {
            List<String> said = Orphans.stop(deadRun(proc(worker, started(worker), "worker JVM")));
            assertEquals(List.of("stopped worker JVM pid " + worker.pid() + " of run r-dead, still running after the"
                    + " run died"), said);
            worker.onExit().get();
        } finally {
            worker.destroyForcibly();
        }
    }

    /** The shell watchdog owns a dead run's shell trees; a resume racing it would print what depends on who won. */
    @Test
    void aShellTreeIsLeftToTheWatchdog() throws Exception {
        Process shell = sleeper();
        try {
            assertEquals(List.of(), Orphans.stop(deadRun(proc(shell, started(shell), "shell gate"))));
            assertTrue(shell.isAlive(), "not the resume's to stop");
        } finally {
            shell.destroyForcibly();
        }
    }

    @Test
    void aProcessThatOnlyReusesAWorkersPidIsLeftAloneAndTheWorkerCountsAsEnded() throws Exception {
        Process stranger = sleeper();
        try {
            List<String> said = Orphans.stop(deadRun(proc(stranger, "2001-01-01T00:00:00Z", "worker JVM")));
            assertEquals(List.of("worker JVM pid " + stranger.pid() + " of run r-dead had already ended"), said);
            assertTrue(stranger.isAlive(), "another process with the same pid is not the run's");
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void aRunThatEndedAsRunsDoHasNothingToSay() throws Exception {
        Process worker = sleeper();
        try {
            RecordedRun ended = deadRun(proc(worker, started(worker), "worker JVM"),
                    "{\"ev\":\"done\",\"exit\":0}\n");
            assertEquals(List.of(), Orphans.stop(ended));
        } finally {
            worker.destroyForcibly();
        }
    }
}
