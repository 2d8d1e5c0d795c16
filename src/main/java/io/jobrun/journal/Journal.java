package io.jobrun.journal;

import io.jobrun.futures.process.ChildProcesses;
import io.jobrun.job.JobScriptError;
import io.jobrun.json.Json;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Records a run as JSON lines, one object per line with {@code "v":1}: the run ({@code run}), each attempt's start
 * ({@code start}) and the end of each attempt that is retried ({@code attempt}), each instance's end with its status,
 * key and result ({@code end}), and the run's end ({@code done}). A listener of the run's events like any report;
 * see {@link JournalFile} for how the lines reach the disk.
 */
public final class Journal implements RunListener, AutoCloseable {
    /** The version of the line format; a reader skips lines of another version. */
    public static final int VERSION = 1;

    private final JournalFile file;
    private final RunHeader header;
    private final ResultFiles results;
    private final Function<InstanceId, InstanceKey> keys;
    private final Function<InstanceId, String> why;
    /** The wall clock and ticker reading at the run's start, to date the events; set by JobStarted. */
    private Instant wallStart = Instant.EPOCH;
    private long tickerStart;
    /** The last map of key parts written, and its JSON; the listener's thread only. */
    private Map<String, String> lastParts;
    private Json.Raw lastPartsJson;
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
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("v", VERSION);
        line.put("ev", "proc");
        line.put("pid", process.pid());
        line.put("started", process.info().startInstant().map(Instant::toString).orElse(null));
        line.put("what", what);
        line.put("t", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        file.append(Json.write(line));
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
            Map<String, Object> line = line("start", event.at(), started.task());
            line.put("attempt", started.attempt());
            line.put("worker", started.worker());
            file.append(Json.write(line));
        } else if (event instanceof RunEvent.RetryScheduled retry && !retry.task().submitted()) {
            Map<String, Object> line = line("attempt", event.at(), retry.task());
            attempt(line, retry.failed(), retry.task());
            file.append(Json.write(line));
        } else if (event instanceof RunEvent.TaskFinished finished && !finished.outcome().task().submitted()) {
            file.append(Json.write(endLine(finished)));
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

    private String runLine(RunEvent.JobStarted started) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("v", VERSION);
        line.put("ev", "run");
        line.put("run", header.id());
        line.put("job", header.job());
        line.put("jobSha256", header.jobSha256());
        line.put("jobrun", header.jobrunVersion());
        line.put("params", new LinkedHashMap<>(header.params()));
        line.put("pid", header.pid());
        line.put("pidStarted", header.pidStarted() == null ? null : header.pidStarted().toString());
        if (header.resumes() != null) {
            line.put("resumes", header.resumes());
        }
        line.put("t", instant(started.at()));
        return Json.write(line);
    }

    private Map<String, Object> endLine(RunEvent.TaskFinished finished) {
        TaskOutcome outcome = finished.outcome();
        Map<String, Object> line = line("end", finished.at(), outcome.task());
        line.put("status", outcome.status().word());
        line.put("attempts", outcome.attempts());
        line.put("ms", outcome.runTime().toMillis());
        InstanceKey key = keys.apply(outcome.task().id());
        if (key != null) {
            line.put("key", key.digest());
            line.put("parts", partsJson(key.parts()));
            if (key.notReusable() != null) {
                line.put("notReusable", key.notReusable());
            }
        }
        String reason = why.apply(outcome.task().id());
        if (reason != null) {
            line.put("why", reason);
        }
        if (outcome.status().succeeded()) {
            result(line, outcome.result());
        } else if (outcome.error() != null) {
            line.put("error", error(outcome.error(), outcome.task()));
        }
        return line;
    }

    /** The parts as JSON, written once for all the instances of a spec, which share one map of parts. */
    private Json.Raw partsJson(Map<String, String> parts) {
        if (parts != lastParts) {
            lastParts = parts;
            lastPartsJson = new Json.Raw(Json.write(parts));
        }
        return lastPartsJson;
    }

    private void result(Map<String, Object> line, Object result) {
        Object stored;
        try {
            stored = StoredValues.encode(result);
        } catch (StoredValues.NotStorable e) {
            line.put("notStorable", e.getMessage());
            return;
        }
        String canonical = Json.canonical(stored);
        String sha = Digests.sha256(canonical);
        line.put("resultSha256", sha);
        if (canonical.length() <= ResultFiles.INLINE_LIMIT) {
            line.put("result", stored);
        } else {
            line.put("resultFile", results.store(sha, canonical));
        }
    }

    private String doneLine(RunEvent.JobFinished done) {
        RunResult result = done.result();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("v", VERSION);
        line.put("ev", "done");
        line.put("exit", result.exitCode());
        line.put("stopped", result.stopCause() == null ? null : result.stopCause().name().toLowerCase(
                java.util.Locale.ROOT));
        line.put("ms", result.wallTime().toMillis());
        line.put("t", instant(done.at()));
        return Json.write(line);
    }

    private void attempt(Map<String, Object> line, AttemptRecord attempt, TaskInstance task) {
        line.put("attempt", attempt.number());
        line.put("status", attempt.status().word());
        line.put("ms", attempt.runTime().toMillis());
        if (attempt.error() != null) {
            line.put("error", error(attempt.error(), task));
        }
    }

    private static Map<String, Object> error(Throwable error, TaskInstance task) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", io.jobrun.run.ErrorText.type(error));
        out.put("message", ErrorText.of(error));
        out.put("at", (error instanceof JobScriptError script ? script.position() : task.position()).toString());
        return out;
    }

    private Map<String, Object> line(String kind, long at, TaskInstance task) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("v", VERSION);
        line.put("ev", kind);
        line.put("id", task.id().toString());
        line.put("task", task.name());
        line.put("t", instant(at));
        return line;
    }

    private String instant(long at) {
        return wallStart.plusNanos(at - tickerStart).truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
