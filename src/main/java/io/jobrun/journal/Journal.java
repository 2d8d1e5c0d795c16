package io.jobrun.journal;

import io.jobrun.futures.process.ChildProcesses;
import io.jobrun.json.JsonWriter;
import io.jobrun.run.AttemptStarts;
import io.jobrun.run.InstanceId;
import io.jobrun.run.OnceLaunches;
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunListener;
import io.jobrun.run.TaskInstance;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Records a run as JSON lines (see {@code dsl/README.md}, "The journal"): the run ({@code run}, with {@code "v":4},
 * the format's version, and the instant every {@code t} counts from), each set of key parts once ({@code parts}, for
 * all the instances of a task that share it), each attempt's start ({@code start}), the end of each attempt that is
 * retried ({@code attempt}), each instance's end with its status, key and result ({@code end}), child processes
 * ({@code proc}) and the run's end ({@code done}). A listener of the run's events like any report; see
 * {@link JournalFile} for how the lines reach the disk.
 *
 * <p>The listeners' thread, which the run waits for at its end, only queues each event as it came, with nothing made
 * for it; the journal's own thread makes the lines ({@link EventLines}), and holds each start back until its end
 * ({@link PendingStarts}).
 */
public final class Journal implements RunListener, OnceLaunches, AutoCloseable {
    /** The version of the line format, in the run line; a reader refuses a journal of another version. */
    public static final int VERSION = 4;

    private final JournalFile file;
    private final ResultFiles results;
    /** Stops the recording of child processes when the journal closes. */
    private AutoCloseable processes = () -> { };

    private Journal(JournalFile file, ResultFiles results) {
        this.file = file;
        this.results = results;
    }

    /**
     * Opens the journal of a new run in {@code store}.
     *
     * @param keys      each declared instance's key, known by the time it finishes (asked on the journal's thread);
     *                  null for none
     * @param why       why a resumed run reused or ran each instance ("result of 'fetch' changed"); null for none
     * @param onFailure told at once, once, when the journal cannot be written any more
     * @throws IOException when the journal cannot even be created
     */
    public static Journal open(JournalStore store, RunHeader header, Function<TaskInstance, InstanceKey> keys,
                               Function<InstanceId, String> why, Consumer<String> onFailure) throws IOException {
        Path path = store.runFile(header.job(), header.id());
        ResultFiles results = new ResultFiles(store.resultsDirectory(), onFailure);
        EventLines lines = new EventLines(header, results, keys == null ? id -> null : keys,
                why == null ? id -> null : why);
        Journal journal = new Journal(store.createJournalFile(path, onFailure, lines), results);
        journal.processes = ChildProcesses.listen(journal::processStarted);
        return journal;
    }

    /**
     * A shell tree or worker JVM started: its pid and start instant, with which a resume tells it, still alive after
     * this run died, from a process that reuses its pid. Called on the thread that started it.
     */
    private void processStarted(ProcessHandle process, String what) {
        StringBuilder text = new StringBuilder(160);
        JsonWriter.compact(text).beginObject().field("ev", "proc").field("pid", process.pid())
                .field("started", process.info().startInstant().map(Instant::toString).orElse(null))
                .field("what", what).field("at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()).endObject();
        file.append(text);
    }

    public Path path() {
        return file.path();
    }

    /** Why the journal is incomplete, or null when every line reached the disk. */
    public String failure() {
        String failed = file.failure();
        return failed != null ? failed : results.failure();
    }

    /** It records what was running (a crash leaves that record), and writes no start whose end came soon after. */
    @Override
    public AttemptStarts attemptStarts() {
        return AttemptStarts.STILL_RUNNING;
    }

    @Override
    public void onEvent(RunEvent event) {
        // NOTE: every event is queued as it came, and nothing else is done here: this is compiled into the loop that
        // delivers every event to every listener, and its lines are made by the journal's thread (EventLines).
        file.append(event);
    }

    /**
     * An instance of a {@code once} task is about to launch: its start is queued now, and {@link #onDisk} forces it,
     * so that a run killed at any moment after leaves the record that it was running, and a resume does not run it
     * again unasked. Called on the interpreter's thread.
     */
    @Override
    public void launching(TaskInstance instance, long at) {
        file.append(new EventLines.Launch(instance, at));
    }

    /** Returns once the starts {@link #launching} queued are on disk: one force for all (a few milliseconds). */
    @Override
    public void onDisk() {
        file.awaitOnDisk();
    }

    /** Writes what is queued and closes the file; returns once it is on disk. */
    @Override
    public void close() {
        try {
            processes.close();
        } catch (Exception e) {
            // removing a listener from a list does not fail
        }
        file.close();
    }
}
