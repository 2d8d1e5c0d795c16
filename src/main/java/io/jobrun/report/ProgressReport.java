package io.jobrun.report;

import io.jobrun.job.Durations;
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunListener;
import io.jobrun.run.Ticker;
import io.jobrun.run.TaskOutcome;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Shows progress while the job runs: on a terminal one live line (done/total, running, failed, elapsed) redrawn in
 * place; otherwise one plain line per finished task, which logs and CI read well.
 */
public final class ProgressReport implements RunListener {
    private final PrintStream out;
    private final ReportStyle style;
    private final Ticker ticker;
    private long start;
    private int total;
    private int done;
    private int running;
    private int failed;

    public ProgressReport(PrintStream out, ReportStyle style, Ticker ticker) {
        this.out = out;
        this.style = style;
        this.ticker = ticker;
    }

    @Override
    public void onEvent(RunEvent event) {
        switch (event) {
            case RunEvent.JobStarted started -> {
                start = ticker.nanos();
                total = started.planned().size();
            }
            case RunEvent.TaskStarted started -> {
                if (started.task().submitted()) {
                    total++;
                }
                running++;
                live();
            }
            case RunEvent.TaskRetrying retrying -> {
                running--;
                if (!style.terminal()) {
                    out.println("[" + done + "/" + total + "] retry " + Text.printable(retrying.task().name()) + " after "
                            + Durations.describe(retrying.delay()) + " (attempt " + retrying.failedAttempt()
                            + " failed)");
                }
            }
            case RunEvent.TaskFinished finished -> finished(finished.outcome());
            case RunEvent.JobFinished ignored -> {
                if (style.terminal()) {
                    out.print("\r\033[K");
                    out.flush();
                }
            }
            default -> {
            }
        }
    }

    private void finished(TaskOutcome outcome) {
        if (outcome.attempts() > 0 && outcome.status() != io.jobrun.run.TaskStatus.SKIPPED) {
            running = Math.max(0, running - 1);
        }
        done++;
        if (outcome.failsJob()) {
            failed++;
        }
        if (style.terminal()) {
            live();
        } else {
            out.println("[" + done + "/" + total + "] " + outcome.status().indicator(style.emoji()) + " "
                    + Text.printable(outcome.task().name()) + " (" + Durations.format(outcome.runTime()) + ")");
        }
    }

    private void live() {
        if (!style.terminal()) {
            return;
        }
        Duration elapsed = Duration.ofNanos(ticker.nanos() - start);
        out.print("\r\033[K" + done + "/" + total + " done, " + running + " running, " + failed + " failed, "
                + Durations.format(elapsed));
        out.flush();
    }
}
