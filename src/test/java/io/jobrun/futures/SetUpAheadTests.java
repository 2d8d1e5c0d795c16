package io.jobrun.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SetUpAheadTests {
    @Test
    void theWorkRunsOnceOnAThreadOfItsOwnHoweverOftenItIsStarted() {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<String> thread = new AtomicReference<>();
        SetUpAhead ahead = new SetUpAhead("test-setup", () -> {
            runs.incrementAndGet();
            thread.set(Thread.currentThread().getName());
        });

        ahead.start();
        ahead.start();
        ahead.await();

        assertEquals(1, runs.get());
        assertEquals("test-setup", thread.get());
    }

    @Test
    void awaitReturnsOnlyOnceTheWorkHasEnded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        SetUpAhead ahead = new SetUpAhead("test-setup", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                return;
            }
            ended.set(true);
        });
        ahead.start();
        AtomicBoolean sawEnd = new AtomicBoolean();
        Thread waiter = Thread.ofPlatform().start(() -> {
            ahead.await();
            sawEnd.set(ended.get());
        });

        release.countDown();
        waiter.join();

        assertTrue(sawEnd.get(), "await returned before the work ended");
    }

    @Test
    void awaitWithoutAStartReturnsAtOnceAndAnInterruptEndsTheWaitAndIsKept() throws Exception {
        new SetUpAhead("never-started", () -> { }).await();

        CountDownLatch never = new CountDownLatch(1);
        SetUpAhead stuck = new SetUpAhead("test-stuck", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                // ended by the test
            }
        });
        stuck.start();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread waiter = Thread.ofPlatform().start(() -> {
            stuck.await();
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        waiter.interrupt();
        waiter.join();
        never.countDown();

        assertTrue(interruptedAfter.get(), "the interrupt was lost");
        assertFalse(waiter.isAlive());
    }
}
