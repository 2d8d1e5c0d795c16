package io.jobrun.run;

import java.time.Duration;
import java.util.Objects;

/**
 * One try at running a task instance, once it is over: when it was submitted, started and ended (nanoseconds on
 * the run's {@link Ticker}), where it ran, and how it ended.
 *
 * <p>For a process executor the start is what the worker measured: the end seen here minus the time the worker
 * reports for the body, so a wait for a free worker or a worker's start-up is not counted as run time.
 *
 * @param number    1 for the first attempt
 * @param executor  the executor's name
 * @param worker    the thread ("io_2") or worker process ("worker 12345") that ran it, or null when it never started
 *                  or the worker is unknown
 * @param submitted when the attempt was handed to its executor
 * @param started   when a worker started it, or {@link #NEVER} when it was cancelled before it started
 * @param ended     when it ended, or was given up on (a leaked attempt)
 * @param status    ok, failed, timeout, leaked or cancelled
 * @param error     why it did not succeed, or null
 */
public record AttemptRecord(int number, String executor, String worker, long submitted, long started, long ended,
                            TaskStatus status, Throwable error) {
    /** The {@link #started} of an attempt that never started. */
    public static final long NEVER = Long.MIN_VALUE;

    public AttemptRecord {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(status, "status");
        if (number < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1, got " + number);
        }
    }

    public boolean didStart() {
        return started != NEVER;
    }

    /** How long the body ran: zero when it never started. */
    public Duration runTime() {
        return Duration.ofNanos(runNanos());
    }

    /** {@link #runTime()} in nanoseconds, made without an object: every report asks it of every attempt. */
    public long runNanos() {
        return didStart() ? Math.max(0, ended - started) : 0;
    }
}
