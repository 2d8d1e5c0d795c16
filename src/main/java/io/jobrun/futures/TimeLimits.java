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

    /** The longest limit a {@link Duration} holds: one that never passes. */
    private static final Duration ENDLESS = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
    /** The last limit a message was made for, with it: the tasks of a run mostly share one limit. */
    private static volatile Exceeded lastExceeded;

    private record Exceeded(Duration limit, String message) {
    }

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
    /**
     * "task exceeded its time limit of 10s", for a task as it starts. NOTE: made then, not when the limit passes,
     * which may be while the heap is exhausted: text made then can fail for good (a class of the JDK's string
     * building whose initialization fails for want of memory can never be used again), and the limit would never fire.
     */
    static String exceededMessage(Duration limit) {
        Exceeded last = lastExceeded;
        if (last == null || !last.limit().equals(limit)) {
            last = new Exceeded(limit, "task exceeded its time limit of " + describe(limit));
            lastExceeded = last;
        }
        return last.message();
    }

    /** {@code a + b}, or the longest {@link Duration} where that is too long for one: a limit that never passes. */
    public static Duration plus(Duration a, Duration b) {
        try {
            return a.plus(b);
        } catch (ArithmeticException overflow) {
            return ENDLESS;
        }
    }

    /** {@code limit} in nanoseconds, {@code Long.MAX_VALUE} (292 years) for a longer one. */
    public static long nanos(Duration limit) {
        return Future.saturatedNanos(limit);
    }

    public static String describe(Duration duration) {
        if (duration.getSeconds() >= Long.MAX_VALUE / 1000) { // NOTE: too long to count in milliseconds
            return duration.getSeconds() + "s";
        }
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
