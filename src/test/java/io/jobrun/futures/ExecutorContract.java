package io.jobrun.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every executor kind shares: submit, map, shutdown, try-with-resources, time limits (conformance
 * sections F and G). A subclass per executor kind supplies {@link #newExecutor(int)}.
 *
 * <p>Tasks here are serializable lambdas that capture only serializable values (numbers, strings, a {@link Gate}),
 * so a pool whose tasks run in other JVMs can run this suite too; it overrides {@link #newGate()} and, if it commits
 * queued tasks to workers early, {@link #committedBeyondWorkers(int)}. Tests that need latches or thread identity
 * live in {@link ThreadExecutorContract}. Done-callbacks run in this JVM, so they may capture anything.
 */
abstract class ExecutorContract {
    private static final String AFTER_SHUTDOWN = "cannot schedule new futures after shutdown";

    private final List<Executor> executors = new ArrayList<>();
    private final List<Gate> gates = new ArrayList<>();

    /** A new executor of the kind under test with at most {@code maxWorkers} tasks running at once. */
    protected abstract Executor newExecutor(int maxWorkers);

    /** A gate its tasks can block on; the default works when tasks run in this JVM. */
    protected Gate newGate() {
        return Gate.inThisJvm();
    }

    /**
     * How many tasks beyond {@code maxWorkers} the executor may already have handed to workers, so that they are
     * RUNNING and can no longer be cancelled (a process pool's call queue). Zero for thread pools.
     */
    protected int committedBeyondWorkers(int maxWorkers) {
        return 0;
    }

    /** An executor that is shut down after the test. */
    protected final Executor executor(int maxWorkers) {
        return adopt(newExecutor(maxWorkers));
    }

    /** Shuts {@code executor} down after the test. */
    protected final Executor adopt(Executor executor) {
        executors.add(executor);
        return executor;
    }

    /** A gate that is opened after the test, so no task stays blocked. */
    protected final Gate gate() {
        Gate gate = newGate();
        gates.add(gate);
        return gate;
    }

    @AfterEach
    void openGatesAndShutDown() {
        gates.forEach(Gate::open);
        assertTimeoutPreemptively(Await.GUARD, () -> executors.forEach(e -> e.shutdown(true, true)),
                "an executor did not shut down");
    }

    // ---------------------------------------------------------------- submit

    @Test
    void submitReturnsTheTaskResult() {
        assertEquals(16, executor(2).submit(() -> 2 * 8).result(Await.GUARD));
    }

    @Test
    void uncheckedTaskExceptionIsRethrownByResult() {
        Future<Object> future = executor(2).submit(() -> {
            throw new IllegalStateException("task failed");
        });
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> future.result(Await.GUARD));
        assertEquals("task failed", thrown.getMessage());
        assertEquals("task failed", future.exception().getMessage());
    }

    @Test
    void checkedTaskExceptionArrivesWrappedInCompletionException() {
        Future<Object> future = executor(2).submit(() -> {
            throw new IOException("disk full");
        });
        CompletionException thrown = assertThrows(CompletionException.class, () -> future.result(Await.GUARD));
        assertInstanceOf(IOException.class, thrown.getCause());
        assertEquals("disk full", future.exception().getMessage());
    }

    @Test
    void errorFromATaskIsStoredAndTheWorkerSurvives() {
        Executor executor = executor(1);
        Future<Object> fatal = executor.submit(() -> {
            throw new AssertionError("fatal");
        });
        assertEquals("fatal", assertThrows(AssertionError.class, () -> fatal.result(Await.GUARD)).getMessage());
        assertEquals(1, executor.submit(() -> 1).result(Await.GUARD));
    }

    @Test
    void oneWorkerRunsQueuedTasksInSubmissionOrder() {
        Executor executor = executor(1);
        Gate gate = gate();
        executor.submit(() -> passing(gate, 0));
        gate.awaitArrivals(1);
        List<Future<Long>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queued.add(executor.submit(System::nanoTime));
        }
        gate.open();
        long previous = Long.MIN_VALUE;
        for (Future<Long> future : queued) {
            long startedAt = future.result(Await.GUARD);
            assertTrue(startedAt > previous, "FIFO: each task ran after the one submitted before it");
            previous = startedAt;
        }
    }

    @Test
    void nullTaskIsRejected() {
        assertThrows(NullPointerException.class, () -> executor(1).submit((Task<Object>) null));
    }

    // ---------------------------------------------------------------- map

    @Test
    void mapYieldsResultsInInputOrder() {
        List<Integer> squares = drain(executor(3).map(x -> x * x, range(10)));
        assertEquals(IntStream.range(0, 10).map(x -> x * x).boxed().toList(), squares);
    }

    @Test
    void mapOfEmptyInputYieldsNothing() {
        MapIterator<Integer> results = executor(2).map(x -> x, List.<Integer>of());
        assertFalse(results.hasNext());
        assertThrows(NoSuchElementException.class, results::next);
    }

    @Test
    void mapRaisesEachItemsExceptionAtItsPositionAndContinues() {
        MapIterator<Integer> results = executor(2).map(x -> 5 / x, List.of(2, 0, 3, 5));
        assertEquals(2, results.next());
        assertThrows(ArithmeticException.class, results::next);
        assertEquals(1, results.next());
        assertEquals(1, results.next());
        assertFalse(results.hasNext());
        assertThrows(NoSuchElementException.class, results::next);
    }

    @Test
    void mapTreatsATasksOwnTimeoutExceptionAsThatItemsError() {
        Executor executor = executor(2);
        for (MapOptions options : List.of(MapOptions.defaults(), MapOptions.defaults().timeout(Await.GUARD))) {
            MapIterator<Integer> results = executor.map(ExecutorContract::timeoutOnOne, List.of(0, 1, 2, 3), options);
            assertEquals(0, results.next());
            assertEquals("task's own", assertThrows(FutureTimeoutException.class, results::next).getMessage());
            assertEquals(2, results.next());
            assertEquals(3, results.next());
            assertFalse(results.hasNext());
        }
    }

    private static int timeoutOnOne(int x) {
        if (x == 1) {
            throw new FutureTimeoutException("task's own");
        }
        return x;
    }

    @Test
    void mapTimeoutCancelsWorkNotStartedAndEndsTheIteration() {
        Executor executor = executor(1);
        Gate gate = gate();
        MapIterator<Integer> results = executor.map(x -> passing(gate, x), range(3),
                MapOptions.defaults().timeout(Duration.ZERO));
        gate.awaitArrivals(1);
        assertThrows(FutureTimeoutException.class, results::next);
        assertFalse(results.hasNext());
        gate.open();
        executor.shutdown();
        assertTrue(gate.arrivals() <= 1 + committedBeyondWorkers(1), "items after the timed-out one never start");
    }

    @Test
    void mapReturnsResultsFinishedBeforeTheDeadlineEvenAfterIt() {
        Executor executor = executor(2);
        MapIterator<Integer> results = executor.map(x -> x, range(3), MapOptions.defaults().timeout(Duration.ofMillis(1)));
        executor.shutdown();
        Await.pastDeadline(Duration.ofMillis(2));
        assertEquals(List.of(0, 1, 2), drain(results));
    }

    @Test
    void mapDeadlineRunsFromTheMapCall() throws Exception {
        Gate gate = gate();
        Duration timeout = Duration.ofMillis(50);
        MapIterator<Integer> results = executor(1).map(x -> passing(gate, x), range(1),
                MapOptions.defaults().timeout(timeout));
        gate.awaitArrivals(1);
        Await.pastDeadline(timeout);
        // Had next() started a fresh clock it would block, and the rescuer would let the task finish in time.
        try (AutoCloseable rescuer = Await.onceBlocked(Thread.currentThread(), gate::open)) {
            assertThrows(FutureTimeoutException.class, results::next);
        }
    }

    @Test
    void closingTheMapIteratorCancelsWorkNotStarted() {
        Executor executor = executor(1);
        Gate gate = gate();
        MapIterator<Integer> results = executor.map(x -> passing(gate, x), range(5));
        gate.awaitArrivals(1);
        results.close();
        assertFalse(results.hasNext());
        assertThrows(NoSuchElementException.class, results::next);
        gate.open();
        executor.shutdown();
        assertTrue(gate.arrivals() <= 1 + committedBeyondWorkers(1), "closed map started " + gate.arrivals());
    }

    @Test
    void mapWithBuffersizeGivesCorrectResultsForEverySize() {
        Executor executor = executor(2);
        List<Integer> expected = IntStream.range(0, 10).map(x -> x + 1).boxed().toList();
        for (int buffersize : List.of(1, 2, 10, 20)) {
            MapIterator<Integer> results = executor.map(x -> x + 1, range(10),
                    MapOptions.defaults().buffersize(buffersize));
            assertEquals(expected, drain(results), "buffersize " + buffersize);
        }
    }

    @Test
    void mapWithBuffersizeWorksOnEndlessInput() {
        Iterable<Integer> naturals = () -> Stream.iterate(0, i -> i + 1).iterator();
        try (MapIterator<Integer> results = executor(2).map(x -> 2 * x, naturals,
                MapOptions.defaults().buffersize(2))) {
            List<Integer> first = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                first.add(results.next());
            }
            assertEquals(List.of(0, 2, 4, 6, 8), first);
        }
    }

    @Test
    void mapWithBuffersizeReadsExactlyThatManyItemsBeforeIteration() {
        AtomicInteger consumed = new AtomicInteger();
        Iterable<Integer> counted = () -> Stream.iterate(0, i -> i + 1).peek(i -> consumed.incrementAndGet()).iterator();
        try (MapIterator<Integer> results = executor(2).map(x -> x, counted, MapOptions.defaults().buffersize(2))) {
            assertEquals(2, consumed.get());
            assertEquals(0, results.next());
            assertEquals(3, consumed.get(), "each next() submits one more item before it waits");
        }
    }

    @Test
    void mapWithoutBuffersizeSubmitsEverythingAtTheCall() {
        AtomicInteger consumed = new AtomicInteger();
        Iterable<Integer> counted = () -> range(7).stream().peek(i -> consumed.incrementAndGet()).iterator();
        Executor executor = executor(2);
        executor.map(x -> x, counted);
        assertEquals(7, consumed.get());
    }

    @Test
    void mapAfterShutdownRaisesAtTheCall() {
        Executor executor = executor(1);
        executor.shutdown();
        RejectedExecutionException thrown = assertThrows(RejectedExecutionException.class,
                () -> executor.map(x -> x, range(2)));
        assertEquals(AFTER_SHUTDOWN, thrown.getMessage());
    }

    @Test
    void mapOfEmptyInputAfterShutdownYieldsNothing() {
        Executor executor = executor(1);
        executor.shutdown();
        assertFalse(executor.map(x -> x, List.<Integer>of()).hasNext());
    }

    @Test
    void mapWithBuffersizeRaisesOnRefillAfterShutdown() {
        Executor executor = executor(1);
        MapIterator<Integer> results = executor.map(x -> x, range(3), MapOptions.defaults().buffersize(1));
        executor.shutdown();
        assertEquals(AFTER_SHUTDOWN, assertThrows(RejectedExecutionException.class, results::next).getMessage());
    }

    // ---------------------------------------------------------------- shutdown

    @Test
    void shutdownIsIdempotentAndLaterSubmitsAreRejected() {
        Executor executor = executor(2);
        executor.shutdown();
        executor.shutdown();
        executor.shutdown(false, true);
        RejectedExecutionException thrown = assertThrows(RejectedExecutionException.class,
                () -> executor.submit(() -> 1));
        assertEquals(AFTER_SHUTDOWN, thrown.getMessage());
    }

    @Test
    void shutdownWaitsForEveryQueuedTask() {
        Executor executor = executor(2);
        List<Future<Integer>> futures = submitAll(executor, range(50), x -> x);
        executor.shutdown();
        for (int i = 0; i < 50; i++) {
            assertEquals(i, futures.get(i).result(Duration.ZERO), "task " + i + " done when shutdown returned");
        }
    }

    @Test
    void shutdownWithCancelFuturesCancelsOnlyWorkNotStarted() {
        Executor executor = executor(2);
        Future<Integer> finished = executor.submit(() -> 0);
        finished.result(Await.GUARD);
        Gate gate = gate();
        List<Future<Integer>> running = submitAll(executor, range(2), x -> passing(gate, x));
        gate.awaitArrivals(2);
        List<Future<Integer>> queued = submitAll(executor, range(10), x -> x);

        executor.shutdown(false, true);

        long cancelled = queued.stream().filter(Future::cancelled).count();
        assertTrue(cancelled >= queued.size() - committedBeyondWorkers(2), cancelled + " of 10 cancelled");
        assertFalse(running.get(0).cancelled() || running.get(1).cancelled());
        gate.open();
        assertEquals(0, running.get(0).result(Await.GUARD));
        assertEquals(1, running.get(1).result(Await.GUARD));
        assertEquals(0, finished.result(Duration.ZERO));
        for (Future<Integer> future : queued) {
            assertTrue(future.cancelled() || future.exception(Await.GUARD) == null);
        }
    }

    @Test
    void futuresCancelledByShutdownAreDoneForWaitAndAsCompleted() {
        // Improvement 1: in CPython wait() hangs on these and as_completed() never yields them.
        Executor executor = executor(1);
        Gate gate = gate();
        executor.submit(() -> passing(gate, 0));
        gate.awaitArrivals(1);
        List<Future<Integer>> queued = submitAll(executor, range(5), x -> x);
        executor.shutdown(false, true);
        List<Future<Integer>> cancelled = queued.stream().filter(Future::cancelled).toList();
        assertFalse(cancelled.isEmpty());

        DoneAndNotDone<Integer> waited = assertTimeoutPreemptively(Await.GUARD, () -> Futures.wait(cancelled));
        assertEquals(cancelled.size(), waited.done().size());
        List<Future<Integer>> yielded = new ArrayList<>();
        Futures.asCompleted(cancelled, Duration.ZERO).forEachRemaining(yielded::add);
        assertEquals(cancelled.size(), yielded.size());
    }

    @Test
    void callbackSubmittingDuringACancellingShutdownIsRejectedInsteadOfDeadlocking() {
        // Improvement 2: CPython runs these callbacks under its shutdown lock, and submit() deadlocks on it.
        Executor executor = executor(1);
        Gate gate = gate();
        executor.submit(() -> passing(gate, 0));
        gate.awaitArrivals(1);
        Future<Integer> queued = executor.submit(() -> 1);
        AtomicReference<Throwable> fromCallback = new AtomicReference<>();
        queued.addDoneCallback(f -> {
            try {
                executor.submit(() -> 2);
            } catch (Throwable t) {
                fromCallback.set(t);
            }
        });
        Thread shutter = Await.start("shutter", () -> executor.shutdown(true, true));
        Await.until(queued::cancelled, "the queued future to be cancelled");
        gate.open();
        Await.join(shutter);
        assertInstanceOf(RejectedExecutionException.class, fromCallback.get());
    }

    @Test
    void shutdownWithoutWaitReturnsWhileWorkRunsAndTheWorkStillCompletes() {
        Executor executor = executor(1);
        Gate gate = gate();
        Future<Integer> running = executor.submit(() -> passing(gate, 1));
        Future<Integer> queued = executor.submit(() -> 2);
        gate.awaitArrivals(1);
        assertTimeoutPreemptively(Await.GUARD, () -> executor.shutdown(false, false));
        assertFalse(running.done());
        gate.open();
        assertEquals(1, running.result(Await.GUARD));
        assertEquals(2, queued.result(Await.GUARD));
    }

    @Test
    void futureCancelledRightBeforeShutdownDoesNotHangIt() {
        Executor executor = executor(1);
        Future<Integer> future = executor.submit(() -> 1);
        future.cancel();
        assertTimeoutPreemptively(Await.GUARD, () -> executor.shutdown());
        assertTrue(future.done());
    }

    @Test
    void tryWithResourcesWaitsForSubmittedWork() {
        List<Future<Integer>> futures;
        try (Executor executor = executor(2)) {
            futures = submitAll(executor, range(20), x -> x);
        }
        assertTrue(futures.stream().allMatch(Future::done));
    }

    @Test
    void exceptionLeavingTryWithResourcesPropagatesAfterTheWorkIsDone() {
        List<Future<Integer>> futures = new ArrayList<>();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            try (Executor executor = executor(2)) {
                futures.addAll(submitAll(executor, range(20), x -> x));
                throw new IllegalStateException("body failed");
            }
        });
        assertEquals("body failed", thrown.getMessage());
        assertTrue(futures.stream().allMatch(f -> f.done() && !f.cancelled()));
    }

    // ---------------------------------------------------------------- time limits

    @Test
    void taskPastItsTimeLimitFailsWithFutureTimeout() {
        Gate gate = gate();
        Future<Integer> future = executor(1).submit(() -> passing(gate, 1), Duration.ofMillis(50));
        FutureTimeoutException thrown = assertThrows(FutureTimeoutException.class, () -> future.result(Await.GUARD));
        assertEquals("task exceeded its time limit of 50ms", thrown.getMessage());
    }

    @Test
    void taskWithinItsTimeLimitReturnsNormally() {
        assertEquals(1, executor(1).submit(() -> 1, Await.GUARD).result(Await.GUARD));
    }

    /** A limit too long to count in milliseconds (the message a limit's task gets is made as it starts). */
    @Test
    void taskWithAnEndlessTimeLimitReturnsNormally() {
        assertEquals(1, executor(1).submit(() -> 1, Duration.ofSeconds(Long.MAX_VALUE)).result(Await.GUARD));
    }

    @Test
    void timedOutTaskLeavesRoomForQueuedWorkOnASingleWorker() {
        Executor executor = executor(1);
        Gate gate = gate();
        Future<Integer> stuck = executor.submit(() -> passing(gate, 1), Duration.ofMillis(50));
        Future<Integer> queued = executor.submit(() -> 2);
        assertEquals(2, queued.result(Await.GUARD));
        assertInstanceOf(FutureTimeoutException.class, stuck.exception(Duration.ZERO));
    }

    @Test
    void outOfMemoryErrorFromACallbackOfATimedOutTaskStrandsNoQueuedWorkAndLaterLimitsStillFire() {
        Executor executor = executor(1);
        Gate first = gate();
        Gate never = gate();
        executor.submit(() -> passing(first, 0));
        first.awaitArrivals(1);
        // Queued behind the first task, so its limit cannot pass before the callback is in place.
        Future<Integer> stuck = executor.submit(() -> passing(never, 1), Duration.ofMillis(50));
        AtomicInteger thrown = new AtomicInteger();
        stuck.addDoneCallback(f -> {
            thrown.incrementAndGet();
            throw new OutOfMemoryError("simulated, in a done-callback");
        });
        Future<Integer> queued = executor.submit(() -> 2);
        first.open();

        assertEquals(2, queued.result(Await.GUARD), "the timed-out task's place went to the queued one");
        assertInstanceOf(FutureTimeoutException.class, stuck.exception(Duration.ZERO));
        assertEquals(1, thrown.get());
        Future<Integer> later = executor.submit(() -> passing(never, 3), Duration.ofMillis(50));
        assertInstanceOf(FutureTimeoutException.class, later.exception(Await.GUARD));
    }

    // ---------------------------------------------------------------- helpers

    /** A task body: waits at {@code gate}, then returns {@code value}. */
    static int passing(Gate gate, int value) {
        gate.pass();
        return value;
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    static <R> List<Future<R>> submitAll(Executor executor, List<Integer> inputs, TaskFunction<Integer, R> fn) {
        List<Future<R>> futures = new ArrayList<>();
        for (Integer input : inputs) {
            futures.add(executor.submit(() -> fn.apply(input)));
        }
        return futures;
    }

    static <R> List<R> drain(Iterator<R> results) {
        return assertTimeoutPreemptively(Await.GUARD, () -> {
            List<R> all = new ArrayList<>();
            results.forEachRemaining(all::add);
            return all;
        });
    }
}
