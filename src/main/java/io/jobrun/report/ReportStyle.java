package io.jobrun.report;

/**
 * How reports write: with emoji or plain ASCII, and how much.
 *
 * @param emoji    emoji indicators; false for plain ASCII ({@code --no-emoji}, {@code NO_COLOR}, a non-UTF-8 terminal)
 * @param quiet    one totals line and the failure blocks, no table
 * @param terminal whether progress goes to a terminal (a live line) or a file or pipe (plain lines)
 * @param verbose  every row of every fan-out, and every failure block; otherwise a large fan-out is one line
 */
public record ReportStyle(boolean emoji, boolean quiet, boolean terminal, boolean verbose) {
    /** Not verbose. */
    public ReportStyle(boolean emoji, boolean quiet, boolean terminal) {
        this(emoji, quiet, terminal, false);
    }
}
