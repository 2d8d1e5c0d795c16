package io.jobrun.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Prints benchmark rows: what was measured, our figure, the baseline's, their ratio and the target. */
final class Report {
    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void section(String title) {
        out.println();
        out.println(title);
        out.printf(Locale.ROOT, "  %-44s %14s %14s %8s  %s%n", "workload", "jobrun", "baseline", "ratio", "target");
    }

    void row(String workload, String ours, String baseline, double ratio, String target, boolean met) {
        out.printf(Locale.ROOT, "  %-44s %14s %14s %7.2fx  %s %s%n",
                workload, ours, baseline, ratio, target, met ? "(met)" : "(MISSED)");
    }

    /** A row that informs rather than meets a target: the figure, its baseline and their ratio. */
    void info(String workload, String ours, String baseline, double ratio, String note) {
        out.printf(Locale.ROOT, "  %-44s %14s %14s %7.2fx  %s%n", workload, ours, baseline, ratio, note);
    }

    void note(String text) {
        out.println("  " + text);
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    static String perItem(long nanos, int items) {
        return String.format(Locale.ROOT, "%.3f us/item", nanos / 1e3 / items);
    }
}
