package io.jobrun.futures;

import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Something a task blocks on until the test opens it; the contract's way to hold work "running" without sleeps.
 * It is {@link Serializable} so a task lambda may capture it. {@link #inThisJvm()} works wherever tasks run in the
 * test's JVM; an executor whose tasks run elsewhere overrides {@link ExecutorContract#newGate()}.
 */
interface Gate extends Serializable {
    /** Task side: counts an arrival, then blocks until the gate opens (failing after three guards). */
    void pass();

    /** Test side: blocks until at least {@code count} tasks have arrived (fails after the guard). */
    void awaitArrivals(int count);

    /** How many tasks have arrived so far. */
    int arrivals();

    /** Lets every waiting and later task through. */
    void open();

    static Gate inThisJvm() {
        return InThisJvm.create();
    }

    /** A gate identified by a string, its latches kept in a static registry of this JVM. */
    record InThisJvm(String id) implements Gate {
        private static final Map<String, Latches> REGISTRY = new ConcurrentHashMap<>();

        private record Latches(CountDownLatch opened, Semaphore arrived, AtomicInteger count) {
        }

        static InThisJvm create() {
            String id = UUID.randomUUID().toString();
            REGISTRY.put(id, new Latches(new CountDownLatch(1), new Semaphore(0), new AtomicInteger()));
            return new InThisJvm(id);
        }

        private Latches latches() {
            return REGISTRY.get(id);
        }

        @Override
        public void pass() {
            Latches latches = latches();
            latches.count().incrementAndGet();
            latches.arrived().release();
            try {
                if (!latches.opened().await(Await.GUARD.toMillis() * 3, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("gate " + id + " was never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at gate " + id, e);
            }
        }

        @Override
        public void awaitArrivals(int count) {
            try {
                if (!latches().arrived().tryAcquire(count, Await.GUARD.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError(count + " tasks did not reach gate " + id + " within the guard");
                }
                latches().arrived().release(count);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        @Override
        public int arrivals() {
            return latches().count().get();
        }

        @Override
        public void open() {
            latches().opened().countDown();
        }
    }
}
