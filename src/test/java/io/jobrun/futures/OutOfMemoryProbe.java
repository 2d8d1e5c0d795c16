package io.jobrun.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * A program for {@link OutOfMemoryTests}, run with a small heap: a task with a time limit blocks while another fills
 * the heap and holds it past that limit, so whatever the timer allocates at the deadline fails with a real
 * OutOfMemoryError. Then the hoard is dropped. Reports each future's outcome in a file of the directory it is given.
 */
public final class OutOfMemoryProbe {
    private static final Duration LIMIT = Duration.ofSeconds(1);
    /** How long past the limit the heap stays full: the timer meets an exhausted heap at the deadline. */
    private static final Duration HOLD_AFTER_LIMIT = Duration.ofSeconds(2);
    private static final Duration GUARD = Duration.ofSeconds(30);

    private OutOfMemoryProbe() {
    }

    public static void main(String[] args) {
        String dir = args[0];
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2);
        // NOTE: the heap fills only once the limited task runs, its limit set: the limit is to pass while it is full
        CountDownLatch limitedRuns = new CountDownLatch(1);
        Future<Object> limited = pool.submit(() -> {
            limitedRuns.countDown();
            Thread.sleep(Long.MAX_VALUE);
            return null;
        }, LIMIT);
        Future<Object> hog = pool.submit(() -> {
            limitedRuns.await();
            return fillTheHeapUntil(System.nanoTime() + LIMIT.plus(HOLD_AFTER_LIMIT).toNanos());
        });
        report(dir, "hog", hog);
        report(dir, "limited", limited);
        Future<Object> later = pool.submit(() -> {
            Thread.sleep(Long.MAX_VALUE);
            return null;
        }, Duration.ofMillis(100));
        report(dir, "later", later);
    }

    /** Allocates until not even 16 bytes are left, holds it all until {@code holdUntil}, then lets it go. */
    private static Object fillTheHeapUntil(long holdUntil) {
        // NOTE: the JVM finds a catch clause's class the first time an exception reaches it, and that can take memory
        // (the class loader's lock object): met first with the heap full, the OutOfMemoryError would pass the catch
        // below and end the hog. Met here first.
        try {
            throw new OutOfMemoryError("not yet");
        } catch (OutOfMemoryError notYet) {
            // the catch clause's class is found now
        }
        List<Object> hoard = new ArrayList<>();
        int chunk = 1 << 20;
        while (chunk >= 16) {
            try {
                hoard.add(new byte[chunk]);
            } catch (OutOfMemoryError full) {
                chunk /= 2;
            }
        }
        while (System.nanoTime() - holdUntil < 0) {
            LockSupport.parkNanos(10_000_000); // allocates nothing
        }
        int held = hoard.size();
        hoard = null; // NOTE: before anything allocates, even resolving a string constant the first time
        return held;
    }

    /** Writes the future's outcome: the class of its exception, "returned", or "still running". */
    private static void report(String dir, String name, Future<Object> future) {
        String outcome;
        if (!future.awaitDone(GUARD)) {
            outcome = "still running after " + GUARD.toSeconds() + " s";
        } else {
            Throwable error = future.exception();
            outcome = error == null ? "returned" : error.getClass().getName();
            if (error != null) {
                // NOTE: for the test's failure message: where an unexpected error came from (memory is back by now)
                System.out.println(name + " ended with:");
                error.printStackTrace(System.out);
            }
        }
        ExitProbe.publish(dir, name, outcome);
    }
}
