package io.jobrun.journal;

import io.jobrun.job.JobScriptError;
import io.jobrun.json.JsonWriter;
import io.jobrun.run.AttemptRecord;
import io.jobrun.run.ErrorText;
import io.jobrun.run.InstanceId;
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunResult;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Makes the journal's lines from the run's events as {@link Journal} queued them, on the journal's writer thread
 * only: an instance's end that simply succeeded ({@link CommonLines}) straight as bytes; every other line as JSON
 * text, into one reused builder, then encoded.
 */
final class EventLines implements JournalFile.Maker {
    private final RunHeader header;
    private final ResultFiles results;
    private final Function<TaskInstance, InstanceKey> keys;
    private final Function<InstanceId, String> why;
    /** The number of each map of key parts written, by identity: the instances of a spec share one map. */
    private final Map<Map<String, String>, Integer> partsWritten = new IdentityHashMap<>();
    /**
     * The map of parts of the last line and its number: the instances of a fan-out end one after another, and an
     * identity hash looked up per line measured 13% of the writer's time.
     */
    private Map<String, String> lastParts;
    /** The spec of the last line's instance, and what that line wrote for its parts (or {@link #PARTS_LEFT_OUT}). */
    private String lastPartsSpec;
    private int lastPartsNumber;
    /** The number of the newest parts line of each spec: an end whose parts are those leaves their number out. */
    private final Map<String, Integer> newestParts = new java.util.HashMap<>();
    /** The ticker reading at the run's start, to date the events: the first line made is the run's. */
    private long tickerStart;
    /** An end's parts are its spec's newest parts line: their number is left out. */
    static final int PARTS_LEFT_OUT = -1;
    private final StringBuilder text = new StringBuilder(4096);
    private final JsonWriter json = JsonWriter.compact(text);
    private final CommonLines common = new CommonLines();
    /** The attempt starts held back until their end comes, or a window passes. */
    private final PendingStarts starts = new PendingStarts(JournalFile.WINDOW_NANOS);
    /** When the batch being made began, by the journal's clock: its starts are held from then. */
    private long batchStarted;
    /** Where {@link #writeStart} writes: the batch's bytes. */
    private LineBuffer startsOut;
    /** Writes a start that is due as a line of its own. */
    private final java.util.function.Consumer<Object> writeStart = entry -> {
        RunEvent.AttemptStarted started = (RunEvent.AttemptStarted) entry;
        if (!common.start(startsOut, started.task(), millis(started.at()), started.attempt(), started.worker())) {
            startLine(json(), started);
            startsOut.text(text);
        }
        startsOut.ascii('\n');
    };

    EventLines(RunHeader header, ResultFiles results, Function<TaskInstance, InstanceKey> keys,
               Function<InstanceId, String> why) {
        this.header = header;
        this.results = results;
        this.keys = keys;
        this.why = why;
    }

    /** The events of the run as they came (work that code submitted has no line), and lines of text. */
    @Override
    public void make(Object entry, LineBuffer out) {
        if (entry instanceof RunEvent.TaskFinished finished) {
            TaskInstance task = finished.outcome().task();
            if (!task.submitted()) {
                starts.ended(task);
                end(finished.outcome(), millis(finished.at()), out);
            }
        } else if (entry instanceof RunEvent.AttemptStarted started) {
            if (!started.task().submitted()) {
                starts.add(started.task(), started, batchStarted);
            }
        } else if (entry instanceof RunEvent.JobStarted started) {
            tickerStart = started.at();
            runLine(json(), started);
            out.text(text);
        } else if (entry instanceof RunEvent.RetryScheduled retry) {
            if (!retry.task().submitted()) {
                starts.ended(retry.task()); // NOTE: the failed attempt's line says it started, as an end does
                attemptLine(json(), retry);
                out.text(text);
            }
        } else if (entry instanceof RunEvent.JobFinished done) {
            doneLine(json(), done);
            out.text(text);
        } else if (entry instanceof Launch launch) {
            startLine(json(), new RunEvent.AttemptStarted(launch.at(), launch.task(), 1, null));
            out.text(text);
        } else if (entry instanceof JournalFile.Line line) {
            line.writeTo(out);
        }
    }

    /**
     * An instance of a {@code once} task about to launch: its first attempt's {@code start} line, with no worker yet,
     * forced with the step's other launches and never held back (see {@link Journal#launching}).
     */
    record Launch(TaskInstance task, long at) {
    }

    @Override
    public void batchBegin(long started) {
        batchStarted = started;
    }

    /** The starts held long enough without their end, each a line of its own. */
    @Override
    public void batchEnd(LineBuffer out, boolean last, long now) {
        startsOut = out;
        starts.batchEnd(last, now, writeStart);
    }

    @Override
    public boolean holding() {
        return starts.holding();
    }

    @Override
    public long heldSince() {
        return starts.oldest();
    }

    /** The writer of a line's JSON text, emptied. */
    private JsonWriter json() {
        text.setLength(0);
        return json.reset();
    }

    private void runLine(JsonWriter json, RunEvent.JobStarted started) {
        json.beginObject().field("ev", "run").field("v", Journal.VERSION).field("run", header.id())
                .field("job", header.job()).field("jobSha256", header.jobSha256())
                .field("jobrun", header.jobrunVersion());
        json.name("params").beginObject();
        header.params().forEach((name, value) -> json.field(name, value));
        json.endObject().field("pid", header.pid())
                .field("pidStarted", header.pidStarted() == null ? null : header.pidStarted().toString());
        if (header.resumes() != null) {
            json.field("resumes", header.resumes());
        }
        json.field("t", started.wallClock().truncatedTo(ChronoUnit.MILLIS).toString()).endObject();
    }

    /**
     * An attempt's start, made only when its instance had not ended by the batch after it (as most do, and the end
     * then says all): the start then reaches the disk, so a crash leaves the record of what was running.
     */
    void startLine(JsonWriter json, RunEvent.AttemptStarted started) {
        taskField(idField(json.beginObject().field("ev", "start"), started.task().id()), started.task())
                .field("t", millis(started.at()))
                .field("attempt", started.attempt()).field("worker", started.worker()).endObject();
    }

    /** An instance's end, preceded by the line of its key's parts when they are new. */
    private void end(TaskOutcome outcome, long t, LineBuffer out) {
        TaskInstance task = outcome.task();
        InstanceKey key = keys.apply(task);
        int parts = key == null ? PARTS_LEFT_OUT : parts(out, key.parts(), task); // NOTE: no key, no parts
        String reason = why.apply(task.id());
        if (key != null && key.notReusable() == null && outcome.status().succeeded()
                && common.end(out, outcome, t, key, parts, reason)) {
            return;
        }
        endLine(json(), outcome, t, key, parts, reason);
        out.text(text);
    }

    /** The end line of any outcome, as JSON text: what {@link CommonLines} writes for the common ones, and more. */
    void endLine(JsonWriter json, TaskOutcome outcome, long t, InstanceKey key, int parts, String reason) {
        TaskInstance task = outcome.task();
        taskField(idField(json.beginObject().field("ev", "end"), task.id()), task).field("t", t);
        // NOTE: what most ends say is left out, as the reader takes it to be: status ok, one attempt
        if (outcome.status() != TaskStatus.OK) {
            json.field("status", outcome.status().word());
        }
        if (outcome.attempts() != 1) {
            json.field("attempts", outcome.attempts());
        }
        json.field("ms", outcome.runNanos() / 1_000_000);
        if (key != null) {
            json.field("key", key.digest());
            if (parts != PARTS_LEFT_OUT) {
                json.field("parts", parts);
            }
            if (key.notReusable() != null) {
                json.field("notReusable", key.notReusable());
            }
        }
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

    /**
     * The number of {@code parts} (of an instance of {@code task}) for its end line, writing their line first when
     * they are new; {@link #PARTS_LEFT_OUT} when they are the newest parts line of its spec, which the reader takes an
     * end without a number to mean (never for a spec whose name has a '#', whose id the reader could not split).
     */
    private int parts(LineBuffer out, Map<String, String> parts, TaskInstance task) {
        String spec = task.id().spec();
        if (parts == lastParts && spec == lastPartsSpec) {
            return lastPartsNumber;
        }
        Integer known = partsWritten.get(parts);
        if (known == null) {
            known = partsWritten.size();
            JsonWriter json = json();
            json.beginObject().field("ev", "parts").field("n", known).field("task", task.spec().name()).name("parts")
                    .beginObject();
            parts.forEach(json::field);
            json.endObject().endObject();
            out.text(text).ascii('\n');
            partsWritten.put(parts, known);
            newestParts.put(task.spec().name(), known);
        }
        lastParts = parts;
        lastPartsSpec = spec;
        boolean readable = InstanceId.textSplits(spec) && spec.equals(task.spec().name());
        lastPartsNumber = readable && known.equals(newestParts.get(spec)) ? PARTS_LEFT_OUT : known;
        return lastPartsNumber;
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
                    canonical.getBytes(StandardCharsets.UTF_8)));
            json.field("resultSha256", sha).field("resultFile", results.store(sha, canonical));
        }
    }

    private void attemptLine(JsonWriter json, RunEvent.RetryScheduled retry) {
        AttemptRecord attempt = retry.failed();
        taskField(idField(json.beginObject().field("ev", "attempt"), retry.task().id()), retry.task())
                .field("t", millis(retry.at())).field("attempt", attempt.number())
                .field("status", attempt.status().word()).field("ms", attempt.runNanos() / 1_000_000);
        if (attempt.error() != null) {
            error(json, attempt.error(), retry.task());
        }
        json.endObject();
    }

    private void doneLine(JsonWriter json, RunEvent.JobFinished done) {
        RunResult result = done.result();
        json.beginObject().field("ev", "done").field("exit", result.exitCode())
                .field("stopped", result.stopCause() == null ? null
                        : result.stopCause().name().toLowerCase(Locale.ROOT))
                .field("ms", result.wallTime().toMillis()).field("t", millis(done.at())).endObject();
    }

    private static void error(JsonWriter json, Throwable error, TaskInstance task) {
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

    /** The field {@code "task":"analyze[c]"}, or nothing when the name is the one the id makes ({@link DefaultNames}). */
    private static JsonWriter taskField(JsonWriter json, TaskInstance task) {
        return DefaultNames.leftOut(task) ? json : json.field("task", task.name());
    }

    /** Milliseconds from the run's start (the {@code t} of its first line) to {@code at}. */
    private long millis(long at) {
        return (at - tickerStart) / 1_000_000;
    }
}
