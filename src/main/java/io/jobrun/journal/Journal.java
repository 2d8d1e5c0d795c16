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
 * <p>The listeners' thread, which the run waits for at its end, only queues each event with what its line needs; the
 * journal's own thread makes the line ({@link JournalFile.Line}), into one reused buffer, with no map or string made
 * on the way.
 */
public final class Journal implements RunListener, AutoCloseable {
    /** The version of the line format, in the run line; a reader refuses a journal of another version. */
    public static final int VERSION = 2;

    private final JournalFile file;
    private final RunHeader header;
    private final ResultFiles results;
    private final Function<TaskInstance, InstanceKey> keys;
    private final Function<InstanceId, String> why;
    /**
     * The number of each map of key parts written, by identity: the instances of a spec share one map. The journal's
     * writer thread only.
     */
    private final Map<Map<String, String>, Integer> partsWritten = new IdentityHashMap<>();
    /**
     * The map of parts of the last line and its number: the instances of a fan-out end one after another, and an
     * identity hash looked up per line measured 13% of the writer's time. The journal's writer thread only.
     */
    private Map<String, String> lastParts;
    private int lastPartsNumber;
    /** The ticker reading at the run's start, to date the events; set by JobStarted. The listener's thread only. */
    private long tickerStart;
    /** Stops the recording of child processes when the journal closes. */
    private AutoCloseable processes = () -> { };

    private Journal(JournalFile file, RunHeader header, ResultFiles results, Function<TaskInstance, InstanceKey> keys,
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
     * @param keys      each declared instance's key, known by the time it finishes (asked on the journal's thread);
     *                  null for none
     * @param why       why a resumed run reused or ran each instance ("result of 'fetch' changed"); null for none
     * @param onFailure told at once, once, when the journal cannot be written any more
     * @throws IOException when the journal cannot even be created
     */
    public static Journal open(JournalStore store, RunHeader header, Function<TaskInstance, InstanceKey> keys,
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
            tickerStart = started.at();
            Instant wallStart = started.wallClock();
            file.append(json -> runLine(json, wallStart));
        } else if (event instanceof RunEvent.AttemptStarted started && !started.task().submitted()) {
            start(started);
        } else if (event instanceof RunEvent.RetryScheduled retry && !retry.task().submitted()) {
            long t = millis(retry.at());
            file.append(json -> attemptLine(json, retry, t));
        } else if (event instanceof RunEvent.TaskFinished finished && !finished.outcome().task().submitted()) {
            long t = millis(finished.at());
            // NOTE: the line is made by the journal's thread; here only what it needs is queued.
            file.ended(finished.outcome().task().id(), json -> endLine(json, finished.outcome(), t));
        } else if (event instanceof RunEvent.JobFinished done) {
            long t = millis(done.at());
            file.append(json -> doneLine(json, done, t));
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

    private void runLine(JsonWriter json, Instant wallStart) {
        json.beginObject().field("ev", "run").field("v", VERSION).field("run", header.id()).field("job", header.job())
                .field("jobSha256", header.jobSha256()).field("jobrun", header.jobrunVersion());
        json.name("params").beginObject();
        header.params().forEach((name, value) -> json.field(name, value));
        json.endObject().field("pid", header.pid())
                .field("pidStarted", header.pidStarted() == null ? null : header.pidStarted().toString());
        if (header.resumes() != null) {
            json.field("resumes", header.resumes());
        }
        json.field("t", wallStart.truncatedTo(ChronoUnit.MILLIS).toString()).endObject();
    }

    /**
     * An attempt's start, kept back by the file until its batch is written: when the instance ends within the same
     * batch (as most do), the end says all and the start is never written; otherwise it reaches the disk with the
     * batch, so a crash leaves the record of what was running, as before.
     */
    private void start(RunEvent.AttemptStarted started) {
        long t = millis(started.at());
        // NOTE: the line is made only if it is written, by the writer: most starts are dropped for their end.
        file.started(started.task().id(), json -> idField(json.beginObject().field("ev", "start"), started.task().id())
                .field("task", started.task().name()).field("t", t)
                .field("attempt", started.attempt()).field("worker", started.worker()).endObject());
    }

    /** An instance's end, preceded by the line of its key's parts when they are new; on the journal's thread. */
    private void endLine(JsonWriter json, TaskOutcome outcome, long t) {
        TaskInstance task = outcome.task();
        InstanceKey key = keys.apply(task);
        Integer parts = key == null ? null : parts(json, key.parts(), task.spec().name());
        idField(json.beginObject().field("ev", "end"), task.id()).field("task", task.name()).field("t", t)
                .field("status", outcome.status().word()).field("attempts", outcome.attempts())
                .field("ms", outcome.runNanos() / 1_000_000);
        if (key != null) {
            json.name("key").hex(key.sha256()).field("parts", parts);
            if (key.notReusable() != null) {
                json.field("notReusable", key.notReusable());
            }
        }
        String reason = why.apply(task.id());
        if (reason != null) {
            json.field("why", reason);
        }
        if (outcome.status().succeeded()) {
            result(json, outcome.result());
        } else if (outcome.error() != null) {
            error(json, outcome.error(), task);
        }
        json.endObject();
    }

    /** The number of {@code parts}, writing their line first when they are new. */
    private int parts(JsonWriter json, Map<String, String> parts, String spec) {
        if (parts == lastParts) {
            return lastPartsNumber;
        }
        Integer known = partsWritten.get(parts);
        if (known != null) {
            lastParts = parts;
            lastPartsNumber = known;
            return known;
        }
        int number = partsWritten.size();
        json.beginObject().field("ev", "parts").field("n", number).field("task", spec).name("parts").beginObject();
        parts.forEach((name, digest) -> json.field(name, digest));
        json.endObject().endObject().buffer().append('\n');
        json.reset();
        partsWritten.put(parts, number);
        lastParts = parts;
        lastPartsNumber = number;
        return number;
    }

    /**
     * The result, in its canonical form: inline when short, else in a file of its own named by its SHA-256 (the hash
     * of an inline result is that of its text as written, so it is not written again).
     */
    private void result(JsonWriter json, Object result) {
        StringBuilder line = json.buffer();
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

    private void attemptLine(JsonWriter json, RunEvent.RetryScheduled retry, long t) {
        AttemptRecord attempt = retry.failed();
        idField(json.beginObject().field("ev", "attempt"), retry.task().id())
                .field("task", retry.task().name()).field("t", t).field("attempt", attempt.number())
                .field("status", attempt.status().word()).field("ms", attempt.runNanos() / 1_000_000);
        if (attempt.error() != null) {
            error(json, attempt.error(), retry.task());
        }
        json.endObject();
    }

    private void doneLine(JsonWriter json, RunEvent.JobFinished done, long t) {
        RunResult result = done.result();
        json.beginObject().field("ev", "done").field("exit", result.exitCode())
                .field("stopped", result.stopCause() == null ? null
                        : result.stopCause().name().toLowerCase(Locale.ROOT))
                .field("ms", result.wallTime().toMillis()).field("t", t).endObject();
    }

    private void error(JsonWriter json, Throwable error, TaskInstance task) {
        json.name("error").beginObject().field("type", ErrorText.type(error))
                .field("message", ErrorText.of(error))
                .field("at", (error instanceof JobScriptError script ? script.position() : task.position()).toString())
                .endObject();
    }

    /** The field {@code "id":"analyze#3"}, written without the id's text made per line. */
    private static JsonWriter idField(JsonWriter json, InstanceId id) {
        json.name("id");
        return id.item() == InstanceId.SINGLE ? json.value(id.spec()) : json.value(id.spec(), '#', id.item());
    }

    /** Milliseconds from the run's start (the {@code t} of its first line) to {@code at}. */
    private long millis(long at) {
        return (at - tickerStart) / 1_000_000;
    }
}
