package io.jobrun.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The contract for executors whose tasks run on threads of this JVM: on top of {@link ExecutorContract}, tasks here
 * capture latches and threads, and time limits interrupt and abandon threads.
 */
abstract class ThreadExecutorContract extends ExecutorContract {
    private static final Duration SHORT_LIMIT = Duration.ofMillis(30);

    /** A new executor with the given leak grace (how long a timed-out task may ignore its interrupt). */
    protected abstract Executor newExecutor(int maxWorkers, Duration leakGrace);

    /** A new executor whose workers run {@code initializer} before their first task. */
    protected abstract Executor newExecutor(int maxWorkers, Initializer initializer);

    /** The executor's count of timed-out tasks that ignored their interrupt. */
    protected abstract int leakedTasks(Executor executor);

    @Override
    protected final Executor newExecutor(int maxWorkers) {
        return newExecutor(maxWorkers, Duration.ofSeconds(1));
    }

    private final List<CountDownLatch> toRelease = new ArrayList<>();

    /** A latch counted down after the test, so no task stays blocked on it. */
    private CountDownLatch latch() {
        CountDownLatch latch = new CountDownLatch(1);
        toRelease.add(latch);
        return latch;
    }

    @org.junit.jupiter.api.AfterEach
    void releaseLatches() {
        toRelease.forEach(CountDownLatch::countDown);
    }

    @Test
    void resultRethrowsTheVeryExceptionObjectTheTaskThrew() {
        IllegalStateException error = new IllegalStateException("mine");
        Future<Object> future = executor(1).submit(() -> {
            throw error;
        });
        assertSame(error, assertThrows(IllegalStateException.class, () -> future.result(Await.GUARD)));
        assertSame(error, future.exception());
    }

    @Test
    void callbackAddedBeforeCompletionRunsInTheWorkerThread() {
        CountDownLatch go = latch();
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicReference<Thread> callbackThread = new AtomicReference<>();
        CountDownLatch called = new CountDownLatch(1);
        Future<Integer> future = executor(1).submit(() -> {
            worker.set(Thread.currentThread());
            go.await();
            return 1;
        });
        future.addDoneCallback(f -> {
            callbackThread.set(Thread.currentThread());
            called.countDown();
        });
        go.countDown();
        Await.await(called);
        assertSame(worker.get(), callbackThread.get());
    }

    @Test
    void shutdownWithWaitFromInsideItsOwnTaskFailsThatTask() {
        Executor executor = executor(2);
        Future<Object> future = executor.submit(() -> {
            executor.shutdown(true, false);
            return "unreachable";
        });
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> future.result(Await.GUARD));
        assertTrue(thrown.getMessage().startsWith("cannot join current thread"), thrown.getMessage());
    }

    @Test
    void jdkCallersCanSubmitCallablesAndRunnables() throws Exception {
        Executor executor = executor(2);
        assertEquals("called", executor.submit((java.util.concurrent.Callable<String>) () -> "called")
                .result(Await.GUARD));
        CountDownLatch ran = new CountDownLatch(1);
        executor.execute(ran::countDown);
        Await.await(ran);
        assertEquals(5, CompletableFuture.supplyAsync(() -> 5, executor).get());
    }

    @Test
    void aTasksInterruptDoesNotReachTheNextTask() {
        Executor executor = executor(1);
        executor.submit(() -> {
            Thread.currentThread().interrupt();
            return null;
        });
        assertFalse(executor.submit(() -> Thread.currentThread().isInterrupted()).result(Await.GUARD));
    }

    @Test
    void timeLimitInterruptsTheTask() {
        CountDownLatch never = latch();
        CountDownLatch interrupted = new CountDownLatch(1);
        Future<Object> future = executor(1).submit(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return null;
        }, SHORT_LIMIT);
        assertInstanceOf(FutureTimeoutException.class, future.exception(Await.GUARD));
        Await.await(interrupted);
    }

    @Test
    void taskIgnoringItsInterruptIsCountedLeakedAndThePoolKeepsItsCapacity() {
        Executor executor = executor(1, Duration.ofMillis(20));
        CountDownLatch release = latch();
        CountDownLatch ended = new CountDownLatch(1);
        Future<Object> stubborn = executor.submit(() -> ignoringInterrupts(release, ended), SHORT_LIMIT);
        assertInstanceOf(FutureTimeoutException.class, stubborn.exception(Await.GUARD));

        assertEquals(42, executor.submit(() -> 42).result(Await.GUARD), "a fresh thread took the slot");
        Await.until(() -> leakedTasks(executor) == 1, "the stubborn task to be counted as leaked");

        release.countDown();
        Await.await(ended);
        assertInstanceOf(FutureTimeoutException.class, stubborn.exception(), "a late return changes nothing");
    }

    @Test
    void shutdownWithWaitDoesNotWaitForAnAbandonedTask() {
        Executor executor = executor(1, Duration.ofMillis(20));
        CountDownLatch release = latch();
        CountDownLatch started = new CountDownLatch(1);
        Future<Object> stubborn = executor.submit(() -> {
            started.countDown();
            return ignoringInterrupts(release, new CountDownLatch(1));
        }, SHORT_LIMIT);
        Await.await(started);
        assertTimeoutPreemptively(Await.GUARD, () -> executor.shutdown(true, false),
                "shutdown waited for a task its time limit had abandoned");
        assertInstanceOf(FutureTimeoutException.class, stubborn.exception(Duration.ZERO));
    }

    @Test
    void initializerRunsOncePerWorkerThreadBeforeItsFirstTask() {
        AtomicInteger initialized = new AtomicInteger();
        ThreadLocal<String> seen = new ThreadLocal<>();
        Executor executor = adopt(newExecutor(3, () -> {
            initialized.incrementAndGet();
            seen.set("initialized");
        }));
        Gate gate = gate();
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            futures.add(executor.submit(() -> {
                passing(gate, 0);
                return seen.get();
            }));
        }
        gate.awaitArrivals(3);
        for (int i = 0; i < 10; i++) {
            futures.add(executor.submit(seen::get));
        }
        gate.open();
        for (Future<String> future : futures) {
            assertEquals("initialized", future.result(Await.GUARD));
        }
        assertEquals(3, initialized.get(), "the three workers took the queued tasks, and each ran it once");
    }

    @Test
    void failingInitializerBreaksThePoolForQueuedAndLaterWork() {
        CountDownLatch fail = latch();
        IllegalStateException cause = new IllegalStateException("no database");
        Executor executor = adopt(newExecutor(1, () -> {
            fail.await();
            throw cause;
        }));
        List<Future<Integer>> queued = submitAll(executor, range(3), x -> x);
        fail.countDown();
        for (Future<Integer> future : queued) {
            BrokenThreadPoolException broken = assertInstanceOf(BrokenThreadPoolException.class,
                    future.exception(Await.GUARD));
            assertEquals("A thread initializer failed, the thread pool is not usable anymore", broken.getMessage());
            assertSame(cause, broken.getCause());
        }
        assertEquals(3, queued.stream().map(f -> System.identityHashCode(f.exception())).distinct().count(),
                "each future gets its own exception (cpython#101267)");
        assertInstanceOf(BrokenExecutorException.class,
                assertThrows(BrokenThreadPoolException.class, () -> executor.submit(() -> 1)));
    }

    @Test
    void brokenPoolStaysBrokenAfterShutdown() {
        Executor executor = adopt(newExecutor(1, () -> {
            throw new IllegalStateException("init");
        }));
        Future<Integer> future = executor.submit(() -> 1);
        assertInstanceOf(BrokenThreadPoolException.class, future.exception(Await.GUARD));
        executor.shutdown();
        assertThrows(BrokenThreadPoolException.class, () -> executor.submit(() -> 1));
    }

    private Executor executor(int maxWorkers, Duration leakGrace) {
        Executor executor = newExecutor(maxWorkers, leakGrace);
        // Register it for shutdown after the test like every other executor.
        return adopt(executor);
    }

    /** Blocks until {@code release}, swallowing interrupts; then counts down {@code ended}. */
    private static Object ignoringInterrupts(CountDownLatch release, CountDownLatch ended) {
        while (true) {
            try {
                release.await();
                ended.countDown();
                return "late";
            } catch (InterruptedException ignored) {
                // the point of this task: it does not stop when asked
            }
        }
    }
}
