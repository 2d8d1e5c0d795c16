package io.jobrun.cli;

import io.jobrun.job.text.IoReasons;
import io.jobrun.job.Job;
import io.jobrun.journal.Digests;
import io.jobrun.journal.InstanceKey;
import io.jobrun.journal.Journal;
import io.jobrun.journal.JournalStore;
import io.jobrun.journal.RunHeader;
import io.jobrun.run.InstanceId;
import io.jobrun.run.OnceLaunches;
import io.jobrun.run.RunListener;
import io.jobrun.run.TaskInstance;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Function;

/**
 * The journal of one run as the command line sets it up: opened before the run, closed after it, and loud when it
 * cannot be written: the first failure is printed at once, and the run's exit code is 1 at least.
 */
final class Recording implements AutoCloseable {
    private final PrintStream err;
    /** The journal, or null when nothing is recorded; set once, before the run. */
    private Journal journal;
    /** Set once something could not be recorded; the exit code then fails. */
    private volatile boolean failed;

    private Recording(PrintStream err) {
        this.err = err;
    }

    /** No journal: {@code --no-journal}. */
    static Recording off(PrintStream err) {
        return new Recording(err);
    }

    /**
     * Opens the journal of a new run of {@code job} in {@code store}; when it cannot be opened, says so at once and
     * the run goes on unrecorded.
     */
    static Recording open(Job job, JournalStore store, String resumes, Function<TaskInstance, InstanceKey> keys,
                          Function<InstanceId, String> why, PrintStream err) {
        Recording recording = new Recording(err);
        try {
            Journal journal = null;
            ProcessHandle me = ProcessHandle.current();
            String sha = sha256(job.file());
            for (int attempt = 0; journal == null; attempt++) {
                String id = JournalStore.newRunId(Instant.now(), me.pid()) + (attempt == 0 ? "" : "-" + attempt);
                RunHeader header = new RunHeader(id, job.file(), sha, job.params(), Help.version(), me.pid(),
                        me.info().startInstant().orElse(null), resumes);
                try {
                    journal = Journal.open(store, header, keys, why, recording::fail);
                } catch (FileAlreadyExistsException sameMillisecond) {
                    if (attempt > 100) {
                        throw sameMillisecond;
                    }
                }
            }
            recording.journal = journal;
        } catch (IOException | RuntimeException e) {
            err.println("jobrun: cannot write the journal in " + store.root() + ": " + IoReasons.of(e)
                    + "; the run goes on, cannot be resumed, and will exit 1 (--no-journal turns the journal off)");
            recording.failed = true;
        }
        return recording;
    }

    private static String sha256(String file) throws IOException {
        return Digests.sha256(Files.readAllBytes(Path.of(file)));
    }


    private void fail(String why) {
        if (!failed) {
            failed = true;
            err.println("jobrun: the journal cannot be written: " + why
                    + "; the run goes on, cannot be resumed, and will exit 1");
        }
    }

    /** The listener that records the run, or null when nothing is recorded. */
    RunListener listener() {
        return journal;
    }

    /** What records the launches of {@code once} tasks before they happen: the journal, or nothing. */
    OnceLaunches onceLaunches() {
        return journal == null ? OnceLaunches.NONE : journal;
    }

    /** Whether something could not be recorded. */
    boolean failed() {
        return failed;
    }

    /** The run's exit code, made a failure when the journal is incomplete. */
    int exitCode(int runExitCode) {
        return failed && runExitCode == Cli.OK ? Cli.FAILED : runExitCode;
    }

    /** Writes what is left to disk; returns once it is there. */
    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
