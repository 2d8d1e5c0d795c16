package io.jobrun.futures;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The one timer thread behind every per-task time limit in this JVM. */
// Public, with schedule/describe, so that io.jobrun.futures.process enforces its limits on the same timer.
public final class TimeLimits {
    private static final ScheduledThreadPoolExecutor TIMER = createTimer();

    private TimeLimits() {
    }

    private static ScheduledThreadPoolExecutor createTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "jobrun-time-limits");
            thread.setDaemon(true);
            return thread;
        });
        // Most limits are cancelled because the task returned in time; drop them at once instead of at their deadline.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    public static ScheduledFuture<?> schedule(Duration delay, Runnable action) {
        return TIMER.schedule(action, Math.max(0, Future.saturatedNanos(delay)), TimeUnit.NANOSECONDS);
    }

    /** "1.5s", "250ms", "2m": how a limit reads in a message. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 60_000 == 0) {
            return (millis / 60_000) + "m";
        }
        return (millis % 1000 == 0) ? (millis / 1000) + "s" : String.format(java.util.Locale.ROOT, "%.3gs", millis / 1000.0);
    }
}
