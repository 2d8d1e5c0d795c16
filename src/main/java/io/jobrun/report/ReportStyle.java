package io.jobrun.report;

/**
 * How reports write: with emoji or plain ASCII, and how much.
 *
 * @param emoji    emoji indicators; false for plain ASCII ({@code --no-emoji}, {@code NO_COLOR}, a non-UTF-8 terminal)
 * @param quiet    one totals line and the failure blocks, no table
 * @param terminal whether progress goes to a terminal (a live line) or a file or pipe (plain lines)
 * @param verbose  every row of every fan-out, and every failure block; otherwise a large fan-out is one line
 * @param columns  the width the summary's table fills, or 0 when unknown ({@link #DEFAULT_COLUMNS})
 * @param results  each task's whole result after the summary ({@code --results})
 * @param liveOutput what tasks print is shown as they print it ({@code --output}), so the summary does not repeat it
 */
public record ReportStyle(boolean emoji, boolean quiet, boolean terminal, boolean verbose, int columns,
                          boolean results, boolean liveOutput) {
    /** The width of a table when the terminal's is unknown: a log file or a pipe. */
    public static final int DEFAULT_COLUMNS = 120;

    public ReportStyle(boolean emoji, boolean quiet, boolean terminal, boolean verbose) {
        this(emoji, quiet, terminal, verbose, 0, false, false);
    }

    /** Not verbose. */
    public ReportStyle(boolean emoji, boolean quiet, boolean terminal) {
        this(emoji, quiet, terminal, false);
    }

    /** The width to fill. */
    public int width() {
        return columns > 0 ? columns : DEFAULT_COLUMNS;
    }
}
