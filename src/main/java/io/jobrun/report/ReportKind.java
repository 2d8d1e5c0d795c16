package io.jobrun.report;

import io.jobrun.run.RunListener;

/** One kind of report, registered by name in {@link Reports}: the summary, the progress line, a report file. */
public interface ReportKind {
    /** The name users select it by: "summary", "progress". */
    String name();

    /** A listener that writes this report for one run. */
    RunListener create(ReportSettings settings);
}
