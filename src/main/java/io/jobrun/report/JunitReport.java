package io.jobrun.report;

import io.jobrun.run.AttemptRecord;
import io.jobrun.run.TaskStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --report junit=PATH}: JUnit XML as Jenkins, GitLab and the GitHub report actions read it. One
 * {@code <testsuite>} per job file of the invocation, one {@code <testcase>} per task instance (the items of a large
 * fan-out that simply succeeded past its first 1,000 are one passed test case, {@link Folded}):
 * <ul>
 * <li>ok: passed, with a {@code flakyFailure} per failed attempt before the one that succeeded ({@code flakyError}
 *     for one that timed out, leaked or was lost with its cluster member);
 * <li>failed: {@code failure}; timeout and leaked: {@code error} (they are not a wrong answer but no answer), each with
 *     a {@code rerunFailure} or {@code rerunError} per earlier attempt;
 * <li>skipped, cancelled and not selected (the command line named other tasks): {@code skipped} with the reason.
 * </ul>
 * An optional task's failure stays a failure, with the property {@code jobrun.optional=true}. The {@code classname}
 * is the job file's path without its extension, directories joined by dots and other dots made underscores, since
 * Jenkins reads everything before the last dot as a package: {@code jobs/etl.v2.yaml} becomes {@code jobs.etl_v2}.
 */
final class JunitReport implements ReportFormat {
    /** Of each stream of a task's output, this much is kept: its first and last halves. */
    static final int OUTPUT_CHARS = 64 * 1024;

    @Override
    public String name() {
        return "junit";
    }

    @Override
    public boolean holdsSeveralRuns() {
        return true;
    }

    @Override
    public boolean folds() {
        return true;
    }

    @Override
    public Writing writing() {
        return new Suites();
    }

    /** The suites of an invocation: each run's test cases are spooled as they finish, the file rewritten at its end. */
    private static final class Suites implements Writing {
        /** One job file's suite: its test cases in a spool, its head and counts known once the run is over. */
        private record Suite(FinishedRun run, ReportOut cases) {
        }

        private final List<Suite> done = new ArrayList<>();
        private final String host = Host.NAME;
        private ReportOut cases;
        private String classname;
        private String file;

        @Override
        public void begin(RunStart start, ReportOut out) throws IOException {
            cases = ReportOut.spool();
            classname = XmlText.attribute(classname(start.file()));
            file = XmlText.attribute(relative(start.file()));
        }

        @Override
        public void task(ReportedTask task, ReportOut out) throws IOException {
            testcase(task, classname, file, cases.text);
            cases.flushIfLarge();
        }

        @Override
        public void end(FinishedRun run, ReportOut out) throws IOException {
            for (Folded fold : run.folded()) {
                foldedTestcase(fold, classname, file, cases.text);
            }
            done.add(new Suite(run, cases));
            int tests = 0;
            int failures = 0;
            int errors = 0;
            int skipped = 0;
            double seconds = 0;
            for (Suite suite : done) {
                Map<TaskStatus, Integer> counts = suite.run().counts();
                tests += suite.run().entries();
                failures += failures(counts);
                errors += errors(counts);
                skipped += skipped(counts);
                seconds += suite.run().wallMillis() / 1000;
            }
            StringBuilder xml = out.text;
            xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"jobrun\" tests=\"")
                    .append(tests).append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                    .append("\" skipped=\"").append(skipped).append("\" time=\"");
            Numbers.fixed3(seconds, xml);
            xml.append("\" timestamp=\"").append(timestamp(done.get(0).run())).append("\">\n");
            for (Suite suite : done) {
                suiteHead(suite.run(), host, xml);
                out.append(suite.cases());
                suiteTail(suite.run(), xml);
            }
            xml.append("</testsuites>\n");
        }
    }

    private static void suiteHead(FinishedRun run, String host, StringBuilder xml) {
        Map<TaskStatus, Integer> counts = run.counts();
        xml.append("  <testsuite name=\"").append(XmlText.attribute(run.file())).append("\" tests=\"")
                .append(run.entries()).append("\" failures=\"").append(failures(counts))
                .append("\" errors=\"").append(errors(counts)).append("\" skipped=\"").append(skipped(counts))
                .append("\" time=\"");
        Numbers.fixed3(run.wallMillis() / 1000, xml);
        xml.append("\" timestamp=\"").append(timestamp(run)).append("\" hostname=\"")
                .append(XmlText.attribute(host)).append("\" file=\"").append(XmlText.attribute(relative(run.file())))
                .append("\">\n    <properties>\n");
        property("jobrun.run_id", run.identity().runId(), xml);
        if (run.identity().jobSha256() != null) {
            property("jobrun.sha256", run.identity().jobSha256(), xml);
        }
        property("jobrun.exit", Integer.toString(run.exitCode()), xml);
        if (run.stopCause() != null) {
            property("jobrun.stop_cause", run.stopCause(), xml);
        }
        for (Map.Entry<String, String> param : run.params().entrySet()) {
            property("param." + param.getKey(), param.getValue(), xml);
        }
        xml.append("    </properties>\n");
    }

    private static void suiteTail(FinishedRun run, StringBuilder xml) {
        if (!run.warnings().isEmpty()) {
            xml.append("    <system-err>").append(XmlText.content(String.join("\n", run.warnings())))
                    .append("</system-err>\n");
        }
        xml.append("  </testsuite>\n");
    }

    private static void testcase(ReportedTask task, String classname, String file, StringBuilder xml) {
        testcaseHead(classname, task.name(), task.runNanos(), file, task.line(), xml);
        inlineProperty("jobrun.status", ReportedTask.word(task.status()), xml);
        inlineProperty("jobrun.attempts", Integer.toString(task.attempts().size()), xml);
        inlineProperty("jobrun.executor", XmlText.attribute(task.instance().executor()), xml);
        xml.append("<property name=\"jobrun.queue_ms\" value=\"");
        Numbers.fixed3(task.queueNanos() / 1e6, xml);
        xml.append("\"/>");
        if (task.instance().optional()) {
            inlineProperty("jobrun.optional", "true", xml);
        }
        xml.append("</properties>\n");
        verdict(task, xml);
        earlierAttempts(task, xml);
        stream("system-out", task.printed(), xml);
        stream("system-err", task.stderr(), xml);
        xml.append("    </testcase>\n");
    }

    /**
     * One test case for the folded items of a fan-out ({@link Folded}): passed, named with their count, its time
     * their run times added up, and their least, median and greatest run time as properties.
     */
    private static void foldedTestcase(Folded fold, String classname, String file, StringBuilder xml) {
        testcaseHead(classname, fold.label(), fold.totalRunNanos(), file, fold.line(), xml);
        inlineProperty("jobrun.status", ReportedTask.word(fold.status()), xml);
        inlineProperty("jobrun.folded", Integer.toString(fold.count()), xml);
        inlineProperty("jobrun.items", fold.firstItem() + "-" + fold.lastItem(), xml);
        inlineProperty("jobrun.executor", XmlText.attribute(fold.executor()), xml);
        inlineProperty("jobrun.run_ms_min", Numbers.fixed3(fold.minRunNanos() / 1e6), xml);
        inlineProperty("jobrun.run_ms_median", Numbers.fixed3(fold.medianRunNanos() / 1e6), xml);
        inlineProperty("jobrun.run_ms_max", Numbers.fixed3(fold.maxRunNanos() / 1e6), xml);
        xml.append("</properties>\n    </testcase>\n");
    }

    /** {@code <testcase ...>} and the start of its properties. */
    private static void testcaseHead(String classname, String name, long runNanos, String file, int line,
                                     StringBuilder xml) {
        xml.append("    <testcase classname=\"").append(classname).append("\" name=\"").append(XmlText.attribute(name))
                .append("\" time=\"");
        Numbers.fixed3(runNanos / 1e9, xml);
        xml.append("\" file=\"").append(file);
        if (line > 0) {
            xml.append("\" line=\"").append(line);
        }
        xml.append("\">\n      <properties>");
    }

    /** The element that says how the task ended; none when it passed. */
    private static void verdict(ReportedTask task, StringBuilder xml) {
        ErrorFacts error = task.error();
        switch (task.status()) {
            case OK, CACHED -> {
            }
            case FAILED -> outcome("failure", error, xml);
            case TIMEOUT, LEAKED -> outcome("error", error == null ? null
                    : new ErrorFacts(task.status().word(), error.message(), error.at()), xml);
            case LOST -> throw new IllegalStateException("lost is an attempt's status, never a task's");
            case SKIPPED, CANCELLED, NOT_SELECTED -> xml.append("      <skipped message=\"")
                    .append(XmlText.attribute(error == null ? task.status().word() : error.message())).append("\"/>\n");
        }
    }

    private static void outcome(String element, ErrorFacts error, StringBuilder xml) {
        String message = error == null ? "" : error.message();
        xml.append("      <").append(element).append(" message=\"").append(XmlText.attribute(message))
                .append("\" type=\"").append(XmlText.attribute(error == null ? "" : error.type())).append("\">")
                .append(XmlText.content(error == null ? "" : error.at() + ": " + message)).append("</")
                .append(element).append(">\n");
    }

    /** Surefire's retry elements: flaky ones in a test that passed at last, rerun ones in a test that did not. */
    private static void earlierAttempts(ReportedTask task, StringBuilder xml) {
        List<AttemptRecord> attempts = task.attempts();
        String prefix = task.status() == TaskStatus.OK ? "flaky" : "rerun";
        for (int i = 0; i < attempts.size() - 1; i++) {
            AttemptRecord attempt = attempts.get(i);
            if (!attempt.status().isFailure() && attempt.status() != TaskStatus.LOST) {
                continue;
            }
            ErrorFacts error = task.error(attempt);
            String element = prefix + (attempt.status() == TaskStatus.FAILED ? "Failure" : "Error");
            String message = error == null ? attempt.status().word() : error.message();
            xml.append("      <").append(element).append(" message=\"")
                    .append(XmlText.attribute("attempt " + attempt.number() + ": " + message)).append("\" type=\"")
                    .append(XmlText.attribute(error == null ? attempt.status().word() : error.type()))
                    .append("\"><stackTrace>").append(XmlText.content(error == null ? message
                            : error.at() + ": " + message)).append("</stackTrace></").append(element).append(">\n");
        }
    }

    private static void stream(String element, String text, StringBuilder xml) {
        if (!text.isEmpty()) {
            xml.append("      <").append(element).append('>')
                    .append(XmlText.content(XmlText.output(text, OUTPUT_CHARS))).append("</").append(element)
                    .append(">\n");
        }
    }

    private static void property(String name, String value, StringBuilder xml) {
        xml.append("      ");
        inlineProperty(name, XmlText.attribute(value), xml);
        xml.append('\n');
    }

    /** A property whose value is escaped already. */
    private static void inlineProperty(String name, String escapedValue, StringBuilder xml) {
        xml.append("<property name=\"").append(XmlText.attribute(name)).append("\" value=\"").append(escapedValue)
                .append("\"/>");
    }

    private static int failures(Map<TaskStatus, Integer> counts) {
        return counts.get(TaskStatus.FAILED);
    }

    private static int errors(Map<TaskStatus, Integer> counts) {
        return counts.get(TaskStatus.TIMEOUT) + counts.get(TaskStatus.LEAKED);
    }

    private static int skipped(Map<TaskStatus, Integer> counts) {
        return counts.get(TaskStatus.SKIPPED) + counts.get(TaskStatus.CANCELLED) + counts.get(TaskStatus.NOT_SELECTED);
    }

    /** The run's start in local time, as the Ant and Surefire schemas write it (no zone, whole seconds). */
    private static String timestamp(FinishedRun run) {
        return LocalDateTime.ofInstant(run.startedWall(), ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS)
                .format(Timestamps.FORMAT);
    }

    /**
     * The timestamps' format, made when the first is written: not with this class, which every run registers, as the
     * formatter's classes cost a run's start 1-2 ms; nor again at each run's end, where parsing its pattern was about
     * a tenth of the file's work.
     */
    private static final class Timestamps {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    }

    /** "jobs/etl.yaml" for a job file under the working directory, however it was named; else as named. */
    static String relative(String file) {
        Path path = Path.of(file);
        if (path.isAbsolute()) {
            Path here = Path.of("").toAbsolutePath();
            if (path.normalize().startsWith(here)) {
                return here.relativize(path.normalize()).toString();
            }
            return file;
        }
        return path.normalize().toString();
    }

    /** "jobs/etl.v2.yaml" makes "jobs.etl_v2": no dot but those between directories. */
    static String classname(String file) {
        StringBuilder name = new StringBuilder();
        Path path = Path.of(relative(file));
        int count = path.getNameCount();
        for (int i = 0; i < count; i++) {
            String part = path.getName(i).toString();
            if (part.equals(".") || part.equals("..") || part.isEmpty()) {
                continue;
            }
            if (i == count - 1) {
                int dot = part.lastIndexOf('.');
                part = dot > 0 ? part.substring(0, dot) : part;
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(part.replace('.', '_'));
        }
        return name.isEmpty() ? "job" : name.toString();
    }

    /** This machine's name, looked up once: the lookup can wait on a resolver. */
    private static final class Host {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        }
    }
}
