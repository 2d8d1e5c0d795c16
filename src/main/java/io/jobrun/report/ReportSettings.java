package io.jobrun.report;

import io.jobrun.run.Ticker;
import java.io.PrintStream;
import java.util.Objects;

/**
 * What a report is given when it is created.
 *
 * @param out     the job's output stream (the summary goes here)
 * @param err     the diagnostics stream (progress goes here)
 * @param target  where a report file goes, or null for reports that write to a stream
 */
public record ReportSettings(PrintStream out, PrintStream err, ReportStyle style, Ticker ticker, ReportTarget target) {
    public ReportSettings {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(ticker, "ticker");
    }

    /** The same settings writing to {@code target}. */
    public ReportSettings to(ReportTarget target) {
        return new ReportSettings(out, err, style, ticker, target);
    }
}
