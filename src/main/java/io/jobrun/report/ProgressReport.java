package io.jobrun.report;

import io.jobrun.job.Durations;
import io.jobrun.run.AttemptStarts;
import io.jobrun.run.InstanceId;
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunListener;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import io.jobrun.run.Ticker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Shows progress while the job runs: on a terminal one live line (done/total, running, failed, elapsed and, once
 * enough tasks have finished, an {@link Eta}) redrawn in place; otherwise one plain line per finished task, which logs
 * and CI read well, and every {@link #PLAIN_EVERY} a line with the counts and the estimate (not per task: a log of a
 * 100,000-task run would hold it 100,000 times).
 *
 * <p>The counter counts declared task instances: a fan-out whose items are read when it becomes ready counts as one
 * until it has read them. Work that tasks submit themselves is counted apart ("submitted 2/3"), so the counter never
 * passes its total.
 */
public final class ProgressReport implements RunListener {
    /** Registered as "progress". */
    static final class Kind implements ReportKind {
        @Override
        public String name() {
            return "progress";
        }

        @Override
        public RunListener create(ReportSettings settings) {
            return new ProgressReport(settings.err(), settings.style(), settings.ticker());
        }
    }

    /** In plain-line mode, at most one line with the counts and the estimate this often. */
    static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

    private final PrintStream out;
    private final ReportStyle style;
    private final Ticker ticker;
    private long start;
    private int total;
    private int done;
    private int submitted;
    private int submittedDone;
    private int running;
    /**
     * The instances counted as running, and the submitted work counted, until they end: starts come only for
     * attempts still running when delivered ({@link #attemptStarts}), ends for all.
     */
    private final Set<InstanceId> runningNow = new HashSet<>();
    private final Set<InstanceId> submittedSeen = new HashSet<>();
    private int failed;
    private final Eta eta = new Eta();
    /** When plain-line mode last printed the counts and the estimate. */
    private long lastStatus;

    public ProgressReport(PrintStream out, ReportStyle style, Ticker ticker) {
        this.out = out;
        this.style = style;
        this.ticker = ticker;
    }

    /** It shows what runs now: an attempt that ended before its start was delivered is counted when it ends. */
    @Override
    public AttemptStarts attemptStarts() {
        return AttemptStarts.STILL_RUNNING;
    }

    @Override
    public void onEvent(RunEvent event) {
        switch (event) {
            case RunEvent.JobStarted started -> {
                start = started.at();
                lastStatus = start;
                total = started.planned().size() + started.pendingFanOuts().size();
                eta.start(started.executors(), started.planned());
            }
            case RunEvent.FanOutExpanded expanded -> {
                total += expanded.instances().size() - 1;
                eta.add(expanded.instances());
                live();
            }
            case RunEvent.AttemptStarted started -> {
                if (started.task().submitted() && started.attempt() == 1 && submittedSeen.add(started.task().id())) {
                    submitted++;
                }
                if (runningNow.add(started.task().id())) {
                    running++;
                }
                live();
            }
            case RunEvent.RetryScheduled retrying -> {
                ended(retrying.task());
                if (!style.terminal()) {
                    out.println(counter(retrying.task().submitted()) + " retry " + Text.printable(retrying.task().name())
                            + " after "
                            + Durations.describe(retrying.delay()) + " (attempt " + retrying.failed().number()
                            + " failed)");
                }
            }
            case RunEvent.AttemptLost lost -> {
                ended(lost.task());
                if (!style.terminal()) {
                    out.println(counter(lost.task().submitted()) + " " + Text.printable(lost.task().name()) + ": "
                            + lost.describe());
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

    /** An attempt of {@code task} ended: it no longer runs, if it was counted as running. */
    private void ended(TaskInstance task) {
        if (runningNow.remove(task.id())) {
            running--;
        }
    }

    private void finished(TaskOutcome outcome) {
        if (outcome.status() == TaskStatus.NOT_SELECTED) {
            return; // NOTE: not part of the planned work, so not counted
        }
        ended(outcome.task());
        if (outcome.task().submitted()) {
            if (!submittedSeen.remove(outcome.task().id())) {
                // NOTE: work that ended before its start was delivered, or never started, was not counted yet
                submitted++;
            }
            submittedDone++;
        } else {
            done++;
        }
        if (outcome.status().isFailure()) {
            failed++;
        }
        eta.finished(outcome);
        if (style.terminal()) {
            live();
        } else {
            out.println(counter(outcome.task().submitted()) + " " + outcome.status().indicator(style.emoji()) + " "
                    + Text.printable(outcome.task().name()) + " (" + Durations.format(outcome.runTime()) + ")");
            statusLine();
        }
    }

    /** Plain-line mode: the counts and the estimate, when {@link #PLAIN_EVERY} has passed since they were printed. */
    private void statusLine() {
        long now = ticker.nanos();
        Duration left = eta.left();
        if (left == null || now - lastStatus < PLAIN_EVERY.toNanos()) {
            return;
        }
        lastStatus = now;
        out.println("[" + done + "/" + total + "] " + running + " running, " + failed + " failed, "
                + Durations.format(Duration.ofNanos(now - start)) + " elapsed, " + Eta.format(left));
    }

    /** "[3/5]" for a declared task, "[submitted 2/3]" for submitted work. */
    private String counter(boolean submittedWork) {
        return submittedWork ? "[submitted " + submittedDone + "/" + submitted + "]" : "[" + done + "/" + total + "]";
    }

    private void live() {
        if (!style.terminal()) {
            return;
        }
        Duration elapsed = Duration.ofNanos(ticker.nanos() - start);
        out.print("\r\033[K" + done + "/" + total + " done, " + running + " running, " + failed + " failed, "
                + (submitted > 0 ? "submitted " + submittedDone + "/" + submitted + ", " : "")
                + Durations.format(elapsed) + estimate());
        out.flush();
    }

    /** ", ETA 45s" once there is an estimate; "" before. */
    private String estimate() {
        Duration left = eta.left();
        return left == null ? "" : ", " + Eta.format(left);
    }
}
