package io.jobrun.futures;

import static io.jobrun.futures.FutureFixtures.cancelled;
import static io.jobrun.futures.FutureFixtures.cancelledAndNotified;
import static io.jobrun.futures.FutureFixtures.failed;
import static io.jobrun.futures.FutureFixtures.finished;
import static io.jobrun.futures.FutureFixtures.pending;
import static io.jobrun.futures.FutureFixtures.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Futures#asCompleted}: conformance section E, with cancelled futures always yielded (improvement 1). */
class AsCompletedTests {

    @Test
    void duplicateFuturesAreYieldedOnce() {
        Future<Integer> done = finished();
        assertEquals(List.of(done), drain(Futures.asCompleted(Collections.nCopies(3, done))));
    }

    @Test
    void emptyInputYieldsNothing() {
        CompletionIterator<Integer> iterator = Futures.asCompleted(List.of(), Duration.ZERO);
        assertFalse(iterator.hasNext());
        assertThrows(NoSuchElementException.class, iterator::next);
    }

    @Test
    void alreadyDoneFuturesComeFirstThenCompletionOrder() {
        Future<Integer> slow = pending();
        Future<Integer> done = finished();
        Future<Integer> fast = running();
        Future<Integer> bad = failed();
        CompletionIterator<Integer> iterator = Futures.asCompleted(List.of(slow, done, fast, bad));
        fast.setResult(1);
        slow.setResult(2);
        assertEquals(List.of(done, bad, fast, slow), drain(iterator));
    }

    @Test
    void nextBlocksUntilAFutureCompletesInAnotherThread() {
        Future<Integer> future = pending();
        CompletionIterator<Integer> iterator = Futures.asCompleted(List.of(future));
        AtomicReference<Future<Integer>> yielded = new AtomicReference<>();
        Thread consumer = Await.start("consumer", () -> yielded.set(iterator.next()));
        Await.untilParked(consumer);
        future.setResult(1);
        Await.join(consumer);
        assertSame(future, yielded.get());
        assertFalse(iterator.hasNext());
    }

    @Test
    void timeoutYieldsTheDoneFuturesThenNamesHowManyAreUnfinished() {
        Future<Integer> notified = cancelledAndNotified();
        Future<Integer> pending = pending();
        Future<Integer> running = running();
        Future<Integer> done = finished();
        CompletionIterator<Integer> iterator = Futures.asCompleted(List.of(notified, pending, running, done),
                Duration.ZERO);
        assertSame(notified, iterator.next());
        assertSame(done, iterator.next());
        FutureTimeoutException timeout = assertThrows(FutureTimeoutException.class, iterator::next);
        assertEquals("2 (of 4) futures unfinished", timeout.getMessage());
        assertFalse(iterator.hasNext(), "the iteration is over after a timeout");
        assertFalse(pending.cancelled() || running.cancelled(), "a timeout cancels nothing");
    }

    @Test
    void timeoutMessageCountsDuplicatesOnce() {
        Future<Integer> pending = pending();
        CompletionIterator<Integer> iterator = Futures.asCompleted(List.of(pending, pending, finished()),
                Duration.ofMillis(10));
        iterator.next();
        assertEquals("1 (of 2) futures unfinished",
                assertThrows(FutureTimeoutException.class, iterator::next).getMessage());
    }

    @Test
    void timeoutClockStartsAtTheCallNotAtTheFirstNext() throws Exception {
        // CPython's generator starts the clock at the first next(); we follow its documentation instead.
        Future<Integer> future = pending();
        Duration timeout = Duration.ofMillis(50);
        CompletionIterator<Integer> iterator = Futures.asCompleted(List.of(future), timeout);
        Await.pastDeadline(timeout);
        // Had next() started a fresh clock it would block, and the rescuer would complete the future in time.
        try (AutoCloseable rescuer = Await.onceBlocked(Thread.currentThread(), () -> future.setResult(1))) {
            assertThrows(FutureTimeoutException.class, iterator::next);
        }
    }

    @Test
    void plainCancelledFutureIsYielded() {
        // Improvement 1: CPython never yields a CANCELLED (not notified) future and times out on it.
        Future<Integer> cancelled = cancelled();
        assertEquals(List.of(cancelled), drain(Futures.asCompleted(List.of(cancelled), Duration.ZERO)));
    }

    @Test
    void futureCancelledDuringIterationIsYielded() {
        Future<Integer> future = pending();
        CompletionIterator<Integer> iterator = Futures.asCompleted(List.of(future));
        future.cancel();
        assertSame(future, assertTimeoutPreemptively(Await.GUARD, iterator::next));
    }

    @Test
    void closeEndsTheIteration() {
        Future<Integer> pending = pending();
        CompletionIterator<Integer> iterator = Futures.asCompleted(List.of(pending, finished()));
        iterator.close();
        assertFalse(iterator.hasNext());
        pending.setResult(1);
        assertThrows(NoSuchElementException.class, iterator::next);
    }

    @Test
    void forEachLoopVisitsEveryFuture() {
        List<Future<Integer>> futures = List.of(finished(), failed(), cancelledAndNotified());
        List<Future<Integer>> seen = new ArrayList<>();
        for (Future<Integer> future : Futures.asCompleted(futures)) {
            seen.add(future);
        }
        assertEquals(futures, seen);
    }

    @Test
    void interruptedNextThrowsWaitInterrupted() {
        CompletionIterator<Integer> iterator = Futures.asCompleted(List.of(pending()));
        Await.Interrupted outcome = Await.interruptWhileWaiting(() -> iterator.next());
        assertInstanceOf(WaitInterruptedException.class, outcome.thrown());
        assertTrue(outcome.flagAfter());
    }

    private static List<Future<Integer>> drain(CompletionIterator<Integer> iterator) {
        return assertTimeoutPreemptively(Await.GUARD, () -> {
            List<Future<Integer>> yielded = new ArrayList<>();
            iterator.forEachRemaining(yielded::add);
            return yielded;
        });
    }
}
