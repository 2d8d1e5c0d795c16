package io.jobrun.report;

import io.jobrun.run.ErrorText;
import io.jobrun.run.TaskOutcome;
import io.jobrun.task.ShellFailedException;
import java.io.PrintStream;

/** The block under the table for one failed task: where it was defined, what went wrong, and a shell's output. */
final class FailureBlock {
    private final PrintStream out;
    private final ReportStyle style;
    private final String jobFile;

    FailureBlock(PrintStream out, ReportStyle style, String jobFile) {
        this.out = out;
        this.style = style;
        this.jobFile = jobFile;
    }

    void print(TaskOutcome outcome) {
        out.println();
        out.println(outcome.status().indicator(style.emoji()) + " " + Text.printable(outcome.task().name()) + " "
                + outcome.status().word() + (outcome.task().optional() ? " (optional)" : "")
                + " (defined at " + outcome.task().position() + ")");
        Throwable error = outcome.error();
        java.util.List<String> lines = ErrorText.of(error).lines().toList();
        out.println("    error: " + Text.printable(lines.isEmpty() ? "" : lines.get(0)));
        // NOTE: an error of several lines (a Groovy assert's diagram) goes on as output does, each line escaped
        for (String more : lines.subList(Math.min(1, lines.size()), lines.size())) {
            out.println("      | " + Text.printable(more));
        }
        String where = ErrorFacts.codeLine(error, jobFile);
        if (where != null) {
            out.println("    at: " + where);
        }
        java.util.List<String> printed = outcome.output();
        if (error instanceof ShellFailedException shell) {
            command(shell.command());
            out.println("    exit status: " + shell.exitStatus());
            if (printed.isEmpty()) {
                printed = shell.outputTail();
            }
        }
        output(printed);
    }

    /** What the task printed, all sources in one stream: its first and last lines. */
    private void output(java.util.List<String> printed) {
        if (printed.isEmpty()) {
            return;
        }
        out.println("    output:");
        for (String line : printed) {
            out.println("      | " + Text.printable(line));
        }
    }

    /** The command, a script of several lines written one under the other. */
    private void command(String command) {
        String label = "    command: ";
        for (String line : command.strip().split("\\R")) {
            out.println(label + Text.printable(line));
            label = "             ";
        }
    }
}
