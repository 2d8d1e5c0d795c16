package io.jobrun.report;

import io.jobrun.run.RunListener;

/** One kind of report, registered by name in {@link Reports}: the summary, the progress line, a report file. */
public interface ReportKind {
    /** The name users select it by: "summary", "progress", "json". */
    String name();

    /** A listener that writes this report for one run (a file report: for every run of an invocation). */
    RunListener create(ReportSettings settings);

    /** Whether it writes a file, which {@code --report NAME=PATH} names. */
    default boolean writesFile() {
        return false;
    }

    /** Whether its one file holds several runs; see {@link ReportFormat#holdsSeveralRuns()}. */
    default boolean holdsSeveralRuns() {
        return false;
    }
}
