package io.jobrun.futures;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting in tests. Every wait here has a guard: it fails the test after {@link #GUARD} instead of hanging, and
 * never decides an outcome by elapsed time.
 */
final class Await {
    /** Long enough that only a hang reaches it, even on a loaded two-core machine. */
    static final Duration GUARD = Duration.ofSeconds(10);

    private Await() {
    }

    static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(GUARD.toMillis(), TimeUnit.MILLISECONDS), "latch not released within the guard");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for a latch", e);
        }
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await(GUARD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            fail("barrier not passed within the guard", e);
        }
    }

    /** Waits until {@code condition} holds: for events no latch can report, such as a thread parking. */
    static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within the guard: " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Waits until {@code thread} is blocked in a wait (parked, with or without a timeout). */
    static void untilParked(Thread thread) {
        until(() -> isParked(thread), thread.getName() + " to block");
    }

    static boolean isParked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /** Lets at least {@code duration} pass: used only to be sure a deadline is behind us, never to let work happen. */
    static void pastDeadline(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    static void join(Thread thread) {
        try {
            thread.join(GUARD.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while joining " + thread.getName(), e);
        }
        assertTrue(!thread.isAlive(), thread.getName() + " did not end within the guard");
    }

    /** Starts {@code body} on a new platform thread named {@code name}. */
    static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Runs {@code action} if and when {@code thread} blocks, until closed. Proves a call does <em>not</em> block:
     * if it did, {@code action} (say, completing the awaited future) would change its outcome.
     */
    static AutoCloseable onceBlocked(Thread thread, Runnable action) {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread rescuer = start("rescuer", () -> {
            while (!stop.get()) {
                if (isParked(thread)) {
                    action.run();
                    return;
                }
                Thread.onSpinWait();
            }
        });
        return () -> {
            stop.set(true);
            join(rescuer);
        };
    }

    /** What a waiting thread threw when interrupted, and whether its interrupt flag was still set then. */
    record Interrupted(Throwable thrown, boolean flagAfter) {
    }

    /** Runs {@code waiting} on a new thread, interrupts it once it blocks, and reports what it threw. */
    static Interrupted interruptWhileWaiting(Runnable waiting) {
        java.util.concurrent.atomic.AtomicReference<Interrupted> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread waiter = Await.start("waiter", () -> {
            try {
                waiting.run();
            } catch (Throwable t) {
                outcome.set(new Interrupted(t, Thread.currentThread().isInterrupted()));
            }
        });
        Await.untilParked(waiter);
        waiter.interrupt();
        Await.join(waiter);
        assertTrue(outcome.get() != null, "the wait returned instead of throwing");
        return outcome.get();
    }
}
