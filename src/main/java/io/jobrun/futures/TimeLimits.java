package io.jobrun.futures;

import java.time.Duration;

/**
 * The one timer behind every per-task time limit in this JVM. It survives an OutOfMemoryError anywhere, in a task,
 * in a callback or in its own thread (see {@link DeadlineTimer}).
 */
// Public, with schedule/describe, so that io.jobrun.futures.process enforces its limits on the same timer.
public final class TimeLimits {
    private static final DeadlineTimer TIMER = new DeadlineTimer(runnable -> {
        Thread thread = new Thread(runnable, "jobrun-time-limits");
        thread.setDaemon(true);
        return thread;
    });

    /** A scheduled action, which {@link #cancel()} drops unless it has started. */
    public interface Alarm {
        void cancel();
    }

    private TimeLimits() {
    }

    /**
     * Runs {@code action} on a thread of its own once {@code delay} has passed. After an OutOfMemoryError it runs
     * again a moment later, until it completes, so it must be safe to repeat.
     */
    public static Alarm schedule(Duration delay, Runnable action) {
        return TIMER.schedule(Future.saturatedNanos(delay), action);
    }

    /** Work that gets a task ready to run, such as starting an interpreter; see {@link #offTheClock}. */
    @FunctionalInterface
    public interface Preparation<T> {
        T prepare() throws InterruptedException;
    }

    /**
     * Runs {@code work} (on the calling thread) without charging it to the time limit of the task that calls it,
     * whose limit starts again, in full, when {@code work} returns: the limit is meant for the task's own code, not
     * for starting what runs it (a Python interpreter takes seconds). An interrupt still ends {@code work}; called
     * outside a task with a time limit of a thread-backed executor, this just runs {@code work}.
     */
    public static <T> T offTheClock(Preparation<T> work) throws InterruptedException {
        return WorkItem.offTheClock(work);
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
