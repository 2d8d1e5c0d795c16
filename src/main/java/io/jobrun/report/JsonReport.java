package io.jobrun.report;

import io.jobrun.job.ExecutorSpec;
import io.jobrun.json.JsonWriter;
import io.jobrun.run.AttemptRecord;
import io.jobrun.run.TaskStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code --report json=PATH}: the run as one versioned JSON document ({@value #SCHEMA}), described by
 * {@code dsl/report.schema.json}. Instants of tasks are milliseconds since the run started ({@code run.started}).
 * Tasks come one per line in the order they finished, written as they finish; the folded items of large fan-outs
 * ({@link Folded}), the job, the run and the counts follow them, written when the run ends.
 */
final class JsonReport implements ReportFormat {
    /** The document's version; a change that breaks readers makes it "jobrun-report/2". */
    static final String SCHEMA = "jobrun-report/2";

    @Override
    public String name() {
        return "json";
    }

    @Override
    public boolean folds() {
        return true;
    }

    @Override
    public Writing writing() {
        return new Writing() {
            private JsonWriter json;

            @Override
            public void begin(RunStart start, ReportOut out) {
                json = JsonWriter.compact(out.text);
                json.beginObject().field("schema", SCHEMA).newline().name("tasks").beginArray();
            }

            @Override
            public void task(ReportedTask task, ReportOut out) throws IOException {
                json.newline();
                JsonReport.task(task, json);
                out.flushIfLarge();
            }

            @Override
            public void end(FinishedRun run, ReportOut out) {
                json.newline().endArray().newline();
                folded(run, json.name("folded"));
                json.newline();
                job(run, json.name("job"));
                json.newline();
                run(run, json.name("run"));
                json.newline();
                executors(run, json.name("executors"));
                json.newline();
                counts(run, json.name("counts"));
                json.newline().endObject().newline();
            }
        };
    }

    private static void job(FinishedRun run, JsonWriter json) {
        json.beginObject().field("file", run.file()).field("sha256", run.identity().jobSha256())
                .field("description", run.result().job().description());
        json.name("params").beginObject();
        for (Map.Entry<String, String> param : run.params().entrySet()) {
            json.name(param.getKey()).value(param.getValue());
        }
        json.endObject().endObject();
    }

    private static void run(FinishedRun run, JsonWriter json) {
        json.beginObject().field("id", run.identity().runId()).field("started", run.startedWall().toString())
                .field("ended", run.endedWall().toString()).fixed3Field("wall_ms", run.wallMillis())
                .field("exit", run.exitCode()).field("ok", run.ok())
                .field("stop_cause", run.stopCause()).field("interrupted", run.result().interrupted())
                .field("timed_out", run.result().timedOut());
        json.name("warnings").beginArray();
        for (String warning : run.warnings()) {
            json.value(warning);
        }
        json.endArray().endObject();
    }

    private static void executors(FinishedRun run, JsonWriter json) {
        json.beginArray();
        for (ExecutorSpec executor : run.start().executors()) {
            json.beginObject().field("name", executor.name()).field("kind", executor.kind())
                    .field("workers", executor.workers()).endObject();
        }
        json.endArray();
    }

    private static void counts(FinishedRun run, JsonWriter json) {
        json.beginObject().field("total", run.total());
        for (Map.Entry<TaskStatus, Integer> count : run.counts().entrySet()) {
            json.field(ReportedTask.word(count.getKey()), count.getValue());
        }
        json.endObject();
    }

    /** The folds ({@link Folded}): the items of large fan-outs that simply succeeded, counted with their times. */
    private static void folded(FinishedRun run, JsonWriter json) {
        json.beginArray();
        for (Folded fold : run.folded()) {
            json.beginObject().field("spec", fold.spec()).field("status", ReportedTask.word(fold.status()))
                    .field("count", fold.count()).field("first_item", fold.firstItem())
                    .field("last_item", fold.lastItem()).field("executor", fold.executor())
                    .field("defined_at", fold.definedAt())
                    .fixed3Field("submitted_ms", run.sinceStart(fold.firstSubmitted()))
                    .fixed3Field("ended_ms", run.sinceStart(fold.lastEnded()))
                    .fixed3Field("queue_ms", fold.queueNanos() / 1e6);
            json.name("run_ms").beginObject().fixed3Field("total", fold.totalRunNanos() / 1e6)
                    .fixed3Field("min", fold.minRunNanos() / 1e6).fixed3Field("median", fold.medianRunNanos() / 1e6)
                    .fixed3Field("max", fold.maxRunNanos() / 1e6).endObject().endObject();
        }
        json.endArray();
    }

    private static void task(ReportedTask task, JsonWriter json) {
        RunStart run = task.start();
        json.beginObject().field("key", task.key()).field("name", task.name()).field("spec", task.spec())
                .field("item", task.item()).field("status", ReportedTask.word(task.status()))
                .field("optional", task.instance().optional()).field("submitted_by_code", task.instance().submitted())
                .field("executor", task.instance().executor()).field("worker", task.worker())
                .field("defined_at", task.definedAt());
        List<AttemptRecord> attempts = task.attempts();
        json.name("submitted_ms");
        if (attempts.isEmpty()) {
            json.nullValue();
        } else {
            json.fixed3(run.sinceStart(task.submitted()));
        }
        json.fixed3Field("ended_ms", run.sinceStart(task.ended()))
                .fixed3Field("queue_ms", task.queueNanos() / 1e6).fixed3Field("run_ms", task.runNanos() / 1e6);
        json.name("attempts").beginArray();
        for (AttemptRecord attempt : attempts) {
            attempt(run, task, attempt, json);
        }
        json.endArray();
        error(task.error(), json.name("error"));
        Preview result = task.result();
        json.name("result");
        if (result == null) {
            json.nullValue();
        } else {
            json.beginObject().field("preview", result.text()).field("truncated", result.truncated())
                    .field("sha256", result.sha256()).endObject();
        }
        json.name("output").beginArray();
        for (String line : task.output()) {
            json.value(line);
        }
        json.endArray();
        json.endObject();
    }

    private static void attempt(RunStart run, ReportedTask task, AttemptRecord attempt, JsonWriter json) {
        json.beginObject().field("n", attempt.number()).field("status", ReportedTask.word(attempt.status()))
                .field("worker", attempt.worker()).fixed3Field("submitted_ms", run.sinceStart(attempt.submitted()));
        json.name("started_ms");
        if (attempt.didStart()) {
            json.fixed3(run.sinceStart(attempt.started()));
        } else {
            json.nullValue();
        }
        json.fixed3Field("ended_ms", run.sinceStart(attempt.ended()))
                .fixed3Field("ms", attempt.runNanos() / 1e6);
        json.name("exit").value(task.exit(attempt));
        error(task.error(attempt), json.name("error"));
        json.endObject();
    }

    private static void error(ErrorFacts error, JsonWriter json) {
        if (error == null) {
            json.nullValue();
        } else {
            json.beginObject().field("type", error.type()).field("message", error.message()).field("at", error.at())
                    .endObject();
        }
    }
}
