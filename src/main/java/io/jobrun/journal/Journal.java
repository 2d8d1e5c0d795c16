package io.jobrun.journal;

import io.jobrun.futures.process.ChildProcesses;
import io.jobrun.job.JobScriptError;
import io.jobrun.json.JsonWriter;
import io.jobrun.run.AttemptRecord;
import io.jobrun.run.ErrorText;
import io.jobrun.run.InstanceId;
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunListener;
import io.jobrun.run.RunResult;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Records a run as JSON lines (see {@code dsl/README.md}, "The journal"): the run ({@code run}, with {@code "v":2},
 * the format's version, and the instant every {@code t} counts from), each set of key parts once ({@code parts}, for
 * all the instances of a task that share it), each attempt's start ({@code start}), the end of each attempt that is
 * retried ({@code attempt}), each instance's end with its status, key and result ({@code end}), child processes
 * ({@code proc}) and the run's end ({@code done}). A listener of the run's events like any report; see
 * {@link JournalFile} for how the lines reach the disk.
 *
 * <p>Each line is written into one reused buffer, with no map or string made on the way, because the listeners'
 * thread that writes it also writes the reports, and a run ends only when that thread is done.
 */
public final class Journal implements RunListener, AutoCloseable {
    /** The version of the line format, in the run line; a reader refuses a journal of another version. */
    public static final int VERSION = 2;

    private final JournalFile file;
    private final RunHeader header;
    private final ResultFiles results;
    private final Function<InstanceId, InstanceKey> keys;
    private final Function<InstanceId, String> why;
    /** The line being written, and its writer; the listener's thread only. */
    private final StringBuilder line = new StringBuilder(512);
    private final JsonWriter json = JsonWriter.compact(line);
    /** The number of each map of key parts written, by identity: the instances of a spec share one map. */
    private final Map<Map<String, String>, Integer> partsWritten = new IdentityHashMap<>();
    /** The wall clock and ticker reading at the run's start, to date the events; set by JobStarted. */
    private Instant wallStart = Instant.EPOCH;
    private long tickerStart;
    /** Stops the recording of child processes when the journal closes. */
    private AutoCloseable processes = () -> { };

    private Journal(JournalFile file, RunHeader header, ResultFiles results, Function<InstanceId, InstanceKey> keys,
                    Function<InstanceId, String> why) {
        this.file = file;
        this.header = header;
        this.results = results;
        this.keys = keys;
        this.why = why;
    }

    /**
     * Opens the journal of a new run in {@code store}.
     *
     * @param keys      each declared instance's key, known by the time it finishes; null for none
     * @param why       why a resumed run reused or ran each instance ("result of 'fetch' changed"); null for none
     * @param onFailure told at once, once, when the journal cannot be written any more
     * @throws IOException when the journal cannot even be created
     */
    public static Journal open(JournalStore store, RunHeader header, Function<InstanceId, InstanceKey> keys,
                               Function<InstanceId, String> why, Consumer<String> onFailure) throws IOException {
        Path path = store.runFile(header.job(), header.id());
        JournalFile file = store.createJournalFile(path, onFailure);
        Journal journal = new Journal(file, header, new ResultFiles(store.resultsDirectory(), onFailure),
                keys == null ? id -> null : keys, why == null ? id -> null : why);
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

    @Override
    public void onEvent(RunEvent event) {
        if (event instanceof RunEvent.JobStarted started) {
            wallStart = started.wallClock();
            tickerStart = started.at();
            file.append(runLine(started));
        } else if (event instanceof RunEvent.AttemptStarted started && !started.task().submitted()) {
            start(started);
        } else if (event instanceof RunEvent.RetryScheduled retry && !retry.task().submitted()) {
            file.append(attemptLine(retry));
        } else if (event instanceof RunEvent.TaskFinished finished && !finished.outcome().task().submitted()) {
            end(finished);
        } else if (event instanceof RunEvent.JobFinished done) {
            file.append(doneLine(done));
        }
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

    /** Starts a line of {@code kind} in the reused buffer. */
    private JsonWriter begin(String kind) {
        line.setLength(0);
        return json.reset().beginObject().field("ev", kind);
    }

    private StringBuilder runLine(RunEvent.JobStarted started) {
        begin("run").field("v", VERSION).field("run", header.id()).field("job", header.job())
                .field("jobSha256", header.jobSha256()).field("jobrun", header.jobrunVersion());
        json.name("params").beginObject();
        header.params().forEach((name, value) -> json.field(name, value));
        json.endObject().field("pid", header.pid())
                .field("pidStarted", header.pidStarted() == null ? null : header.pidStarted().toString());
        if (header.resumes() != null) {
            json.field("resumes", header.resumes());
        }
        json.field("t", wallStart.truncatedTo(ChronoUnit.MILLIS).toString()).endObject();
        return line;
    }

    /**
     * An attempt's start, kept back by the file until its batch is written: when the instance ends within the same
     * batch (as most do), the end says all and the start is never written; otherwise it reaches the disk with the
     * batch, so a crash leaves the record of what was running, as before.
     */
    private void start(RunEvent.AttemptStarted started) {
        long t = millis(started.at());
        // NOTE: the line is made only if it is written, by the writer: most starts are dropped for their end.
        file.started(started.task().id(), text -> JsonWriter.compact(text).beginObject().field("ev", "start")
                .field("id", started.task().id().toString()).field("task", started.task().name()).field("t", t)
                .field("attempt", started.attempt()).field("worker", started.worker()).endObject());
    }

    private void end(RunEvent.TaskFinished finished) {
        TaskOutcome outcome = finished.outcome();
        TaskInstance task = outcome.task();
        InstanceKey key = keys.apply(task.id());
        Integer parts = key == null ? null : parts(key.parts(), task.spec().name());
        String id = task.id().toString();
        begin("end").field("id", id).field("task", task.name()).field("t", millis(finished.at()))
                .field("status", outcome.status().word()).field("attempts", outcome.attempts())
                .field("ms", outcome.runNanos() / 1_000_000);
        if (key != null) {
            json.field("key", key.digest()).field("parts", parts);
            if (key.notReusable() != null) {
                json.field("notReusable", key.notReusable());
            }
        }
        String reason = why.apply(task.id());
        if (reason != null) {
            json.field("why", reason);
        }
        if (outcome.status().succeeded()) {
            result(outcome.result());
        } else if (outcome.error() != null) {
            error(outcome.error(), task);
        }
        json.endObject();
        file.ended(task.id(), line);
    }

    /** The number of {@code parts}, writing them first when they are new. */
    private int parts(Map<String, String> parts, String spec) {
        Integer known = partsWritten.get(parts);
        if (known != null) {
            return known;
        }
        int number = partsWritten.size();
        partsWritten.put(parts, number);
        begin("parts").field("n", number).field("task", spec).name("parts").beginObject();
        parts.forEach((name, digest) -> json.field(name, digest));
        json.endObject().endObject();
        file.append(line);
        return number;
    }

    /**
     * The result, in its canonical form: inline when short, else in a file of its own named by its SHA-256 (the hash
     * of an inline result is that of its text as written, so it is not written again).
     */
    private void result(Object result) {
        Object stored;
        try {
            stored = StoredValues.encode(result);
        } catch (StoredValues.NotStorable e) {
            json.field("notStorable", e.getMessage());
            return;
        }
        json.name("result");
        int start = line.length();
        json.value(stored, true);
        if (line.length() - start > ResultFiles.INLINE_LIMIT) {
            String canonical = line.substring(start);
            line.setLength(start);
            line.append("null"); // in place of the value the writer already counted
            String sha = HexFormat.of().formatHex(Digests.sha256().digest(
                    canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            json.field("resultSha256", sha).field("resultFile", results.store(sha, canonical));
        }
    }

    private StringBuilder attemptLine(RunEvent.RetryScheduled retry) {
        AttemptRecord attempt = retry.failed();
        begin("attempt").field("id", retry.task().id().toString()).field("task", retry.task().name())
                .field("t", millis(retry.at())).field("attempt", attempt.number())
                .field("status", attempt.status().word()).field("ms", attempt.runNanos() / 1_000_000);
        if (attempt.error() != null) {
            error(attempt.error(), retry.task());
        }
        json.endObject();
        return line;
    }

    private StringBuilder doneLine(RunEvent.JobFinished done) {
        RunResult result = done.result();
        begin("done").field("exit", result.exitCode())
                .field("stopped", result.stopCause() == null ? null : result.stopCause().name().toLowerCase(Locale.ROOT))
                .field("ms", result.wallTime().toMillis()).field("t", millis(done.at())).endObject();
        return line;
    }

    private void error(Throwable error, TaskInstance task) {
        json.name("error").beginObject().field("type", ErrorText.type(error))
                .field("message", ErrorText.of(error))
                .field("at", (error instanceof JobScriptError script ? script.position() : task.position()).toString())
                .endObject();
    }

    /** Milliseconds from the run's start (the {@code t} of its first line) to {@code at}. */
    private long millis(long at) {
        return (at - tickerStart) / 1_000_000;
    }
}
