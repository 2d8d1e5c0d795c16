package io.jobrun.report;

import io.jobrun.json.JsonWriter;
import io.jobrun.run.AttemptRecord;
import io.jobrun.run.TaskStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code --report html=PATH}: one self-contained page (its CSS, script and drawing inline; it loads nothing) with the
 * run's summary and a timeline: a bar per task instance from its submission to its end, its attempts as segments
 * coloured by status, grouped by executor and worker, with a tooltip of name, times and error. Large fan-outs are
 * drawn as bands ({@link Timeline}). The page is {@code timeline.html} with the run's data in it as JSON; its script
 * draws the SVG when the page opens.
 */
final class HtmlReport implements ReportFormat {
    /** Where the run's data goes in the page. */
    private static final String DATA = "/*JOBRUN-DATA*/";

    @Override
    public String name() {
        return "html";
    }

    @Override
    public Writing writing() {
        return new Page();
    }

    /** The page of one run: its timeline laid out as tasks finish, written whole at the end. */
    private static final class Page implements Writing {
        private Timeline timeline;

        @Override
        public void begin(RunStart start, ReportOut out) {
            timeline = new Timeline();
        }

        @Override
        public void task(ReportedTask task, ReportOut out) {
            timeline.add(task);
        }

        @Override
        public void end(FinishedRun run, ReportOut out) throws IOException {
            // NOTE: every task of the result has been told as it finished; laid out again from the result otherwise.
            List<Timeline.Group> groups = timeline.added() == run.total() ? timeline.groups(run)
                    : Timeline.layout(run);
            out.text.append(PageParts.PARTS[0]);
            data(run, groups, JsonWriter.forHtml(out.text), out);
            out.text.append(PageParts.PARTS[1]);
        }
    }

    private static void data(FinishedRun run, List<Timeline.Group> groups, JsonWriter json, ReportOut out)
            throws IOException {
        json.beginObject().field("file", run.file()).field("run_id", run.identity().runId())
                .field("started", run.startedWall().toString()).fixed3Field("wall_ms", run.wallMillis())
                .fixed3Field("end_ms", run.sinceStart(run.endedAt())).field("exit", run.exitCode())
                .field("ok", run.ok()).field("stop_cause", run.stopCause());
        json.name("counts").beginObject().field("total", run.total());
        for (Map.Entry<TaskStatus, Integer> count : run.counts().entrySet()) {
            json.field(ReportedTask.word(count.getKey()), count.getValue());
        }
        json.endObject();
        json.name("warnings").beginArray();
        for (String warning : run.warnings()) {
            json.value(warning);
        }
        json.endArray();
        json.name("groups").beginArray();
        for (Timeline.Group group : groups) {
            json.newline().beginObject().field("executor", group.executor()).field("describe", group.describe())
                    .field("worker", group.worker());
            json.name("rows").beginArray();
            for (Timeline.Row row : group.rows()) {
                json.newline();
                switch (row) {
                    case Timeline.Bar bar -> bar(run, bar.task(), json);
                    case Timeline.Band band -> band(run, band, json);
                }
                out.flushIfLarge();
            }
            json.endArray().endObject();
        }
        json.newline().endArray().endObject();
    }

    /** {"k","n","s","q","e","a":[[submitted, started or null, ended, status]...],"err"} in ms since the start. */
    private static void bar(FinishedRun run, ReportedTask task, JsonWriter json) {
        json.beginObject().field("k", task.key()).field("n", task.name()).field("s", ReportedTask.word(task.status()))
                .fixed3Field("q", run.sinceStart(task.submitted())).fixed3Field("e", run.sinceStart(task.ended()));
        json.name("a").beginArray();
        for (AttemptRecord attempt : task.attempts()) {
            json.beginArray().fixed3(run.sinceStart(attempt.submitted()));
            if (attempt.didStart()) {
                json.fixed3(run.sinceStart(attempt.started()));
            } else {
                json.nullValue();
            }
            json.fixed3(run.sinceStart(attempt.ended())).value(ReportedTask.word(attempt.status()))
                    .value(attempt.worker()).endArray();
        }
        json.endArray();
        ErrorFacts error = task.error();
        json.field("err", error == null ? null : error.at() + ": " + error.message()).endObject();
    }

    private static void band(FinishedRun run, Timeline.Band band, JsonWriter json) {
        json.beginObject().field("band", band.spec()).field("count", band.count())
                .field("failed", band.failed());
        json.fixed3Field("from", run.sinceStart(band.from())).fixed3Field("to", run.sinceStart(band.to()))
                .fixed3Field("mean_ms", band.runNanos() / 1e6 / band.count());
        json.name("statuses").beginObject();
        for (Map.Entry<TaskStatus, Integer> count : band.statuses().entrySet()) {
            json.field(ReportedTask.word(count.getKey()), count.getValue());
        }
        json.endObject();
        buckets("running", band.running(), json);
        buckets("failing", band.failing(), json);
        json.endObject();
    }

    private static void buckets(String name, double[] values, JsonWriter json) {
        json.name(name).beginArray();
        for (double value : values) {
            json.fixed3(value);
        }
        json.endArray();
    }

    /**
     * The page before and after its data, read when a page is first written: every run registers this report, and
     * the first resource a JVM reads costs 6-12 ms of its start.
     */
    private static final class PageParts {
        static final String[] PARTS = read();
    }

    private static String[] read() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("timeline.html")) {
            if (in == null) {
                throw new IllegalStateException("timeline.html is missing from the build");
            }
            String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int at = page.indexOf(DATA);
            return new String[] {page.substring(0, at), page.substring(at + DATA.length())};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
