package io.jobrun.report;

import io.jobrun.run.Ticker;
import java.io.PrintStream;
import java.util.Objects;

/**
 * What a report is given when it is created.
 *
 * @param out    the job's output stream (the summary goes here)
 * @param err    the diagnostics stream (progress goes here)
 * @param target where a report file goes, as the user named it, or null for reports that write to a stream
 */
public record ReportSettings(PrintStream out, PrintStream err, ReportStyle style, Ticker ticker, String target) {
    public ReportSettings {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(ticker, "ticker");
    }
}
