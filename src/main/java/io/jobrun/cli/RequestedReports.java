package io.jobrun.cli;

import io.jobrun.job.text.Suggestions;
import io.jobrun.report.ReportKind;
import io.jobrun.report.ReportSettings;
import io.jobrun.report.ReportTarget;
import io.jobrun.report.Reports;
import io.jobrun.run.RunListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report files of one invocation: {@code --report FORMAT=PATH} and the CI step summary. Checked before anything
 * runs (a misspelt format or a path that cannot be written is a usage error, not a lost report at the end), created
 * once and given to every run, so that a JUnit file holds a test suite per job file.
 */
final class RequestedReports {
    /** GitHub Actions names the file of the step's summary in this variable. */
    static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

    private RequestedReports() {
    }

    /** Listeners for every report file asked for; {@code settings} are the run's, without a target. */
    static List<RunListener> create(Arguments arguments, Map<String, String> environment, ReportSettings settings)
            throws Arguments.UsageException {
        List<RunListener> listeners = new ArrayList<>();
        for (Arguments.ReportRequest request : arguments.reports()) {
            ReportKind kind = kind(request.format());
            ReportTarget target = ReportTarget.replacing(request.path());
            check(request, kind, target, arguments.files().size());
            listeners.add(kind.create(settings.to(target)));
        }
        String summary = environment.get(STEP_SUMMARY);
        if (summary != null && !summary.isBlank()) {
            listeners.add(Reports.STANDARD.create("markdown", settings.to(ReportTarget.appending(summary))));
        }
        return listeners;
    }

    private static ReportKind kind(String format) throws Arguments.UsageException {
        ReportKind kind = Reports.STANDARD.kind(format);
        List<String> formats = Reports.STANDARD.fileReports();
        if (kind == null || !kind.writesFile()) {
            throw new Arguments.UsageException("unknown report format '" + format + "'"
                    + Suggestions.hint(format, formats) + "; the formats are " + String.join(", ", formats));
        }
        return kind;
    }

    private static void check(Arguments.ReportRequest request, ReportKind kind, ReportTarget target, int files)
            throws Arguments.UsageException {
        String option = "--report " + request.format() + "=" + request.path();
        if (files > 1 && !kind.holdsSeveralRuns() && !target.perJob()) {
            throw new Arguments.UsageException(option + ": each of the " + files + " job files needs a "
                    + request.format() + " report of its own; put " + ReportTarget.JOB + " in the path, where the"
                    + " job's name goes (for example reports/" + ReportTarget.JOB + "." + request.format() + ")");
        }
        Path path = Path.of(request.path().replace(ReportTarget.JOB, "job")).toAbsolutePath();
        if (Files.isDirectory(path)) {
            throw new Arguments.UsageException(option + ": " + request.path() + " is a directory; name a file");
        }
        Path existing = path.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new Arguments.UsageException(option + ": cannot write there"
                    + (existing == null ? "" : " (" + existing + " is not a writable directory)"));
        }
    }
}
