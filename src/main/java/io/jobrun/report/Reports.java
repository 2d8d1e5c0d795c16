package io.jobrun.report;

import io.jobrun.job.text.Suggestions;
import io.jobrun.run.RunListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The registry of reports: one class and one line in {@link #STANDARD} per kind. */
public final class Reports {
    public static final Reports STANDARD = new Reports(List.of(
            new SummaryReport.Kind(),
            new ProgressReport.Kind(),
            FileReport.kind(new JsonReport()),
            FileReport.kind(new JunitReport()),
            FileReport.kind(new TraceReport()),
            FileReport.kind(new HtmlReport()),
            FileReport.kind(new MarkdownReport())));

    private final Map<String, ReportKind> kinds = new LinkedHashMap<>();

    public Reports(List<ReportKind> kinds) {
        for (ReportKind kind : kinds) {
            if (this.kinds.put(kind.name(), kind) != null) {
                throw new IllegalArgumentException("two reports are named '" + kind.name() + "'");
            }
        }
    }

    public Set<String> names() {
        return kinds.keySet();
    }

    /** The reports that write a file, which {@code --report NAME=PATH} names: "json", "junit", ... */
    public List<String> fileReports() {
        return kinds.values().stream().filter(ReportKind::writesFile).map(ReportKind::name).toList();
    }

    /** The kind named {@code name}, or null. */
    public ReportKind kind(String name) {
        return kinds.get(name);
    }

    /**
     * A listener for the report named {@code name}.
     *
     * @throws IllegalArgumentException when no report has that name, with a "did you mean"
     */
    public RunListener create(String name, ReportSettings settings) {
        ReportKind kind = kinds.get(name);
        if (kind == null) {
            throw new IllegalArgumentException("unknown report '" + name + "'" + Suggestions.hint(name, kinds.keySet()));
        }
        return kind.create(settings);
    }
}
