package io.jobrun.futures;

import static io.jobrun.futures.FutureFixtures.cancelled;
import static io.jobrun.futures.FutureFixtures.cancelledAndNotified;
import static io.jobrun.futures.FutureFixtures.failed;
import static io.jobrun.futures.FutureFixtures.finished;
import static io.jobrun.futures.FutureFixtures.pending;
import static io.jobrun.futures.FutureFixtures.running;
import static io.jobrun.futures.ReturnWhen.ALL_COMPLETED;
import static io.jobrun.futures.ReturnWhen.FIRST_COMPLETED;
import static io.jobrun.futures.ReturnWhen.FIRST_EXCEPTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Futures#wait}: conformance section D, with cancelled futures always counted as done (improvement 1). */
class WaitTests {

    @Test
    void duplicateFuturesCountOnce() {
        Future<Integer> done = finished();
        Future<Integer> notDone = pending();
        DoneAndNotDone<Integer> result = Futures.wait(List.of(done, done, notDone, notDone), Duration.ZERO,
                ALL_COMPLETED);
        assertEquals(List.of(done), List.copyOf(result.done()));
        assertEquals(List.of(notDone), List.copyOf(result.notDone()));
    }

    @Test
    void futuresAreEqualOnlyToThemselves() throws Exception {
        // wait() and asCompleted() dedupe with hash sets; that is identity only while no Future redefines equality.
        assertTrue(Modifier.isFinal(Future.class.getMethod("equals", Object.class).getModifiers()));
        assertTrue(Modifier.isFinal(Future.class.getMethod("hashCode").getModifiers()));
    }

    @ParameterizedTest
    @EnumSource(ReturnWhen.class)
    void emptyInputReturnsTwoEmptySetsAtOnce(ReturnWhen returnWhen) {
        DoneAndNotDone<Integer> result = assertTimeoutPreemptively(Await.GUARD,
                () -> Futures.wait(List.<Future<Integer>>of(), returnWhen));
        assertTrue(result.done().isEmpty());
        assertTrue(result.notDone().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(ReturnWhen.class)
    void plainCancelledFutureCountsAsDoneForEveryCondition(ReturnWhen returnWhen) {
        // Improvement 1: CPython leaves a CANCELLED (not notified) future in not_done, and wait() hangs on it.
        Future<Integer> cancelled = cancelled();
        DoneAndNotDone<Integer> result = assertTimeoutPreemptively(Await.GUARD,
                () -> Futures.wait(List.of(cancelled), returnWhen));
        assertEquals(Set.of(cancelled), result.done());
        assertTrue(result.notDone().isEmpty());
    }

    @Test
    void firstCompletedReturnsEveryAlreadyDoneFuture() {
        Future<Integer> cancelled = cancelled();
        Future<Integer> notified = cancelledAndNotified();
        Future<Integer> ok = finished();
        Future<Integer> bad = failed();
        Future<Integer> pending = pending();
        Future<Integer> running = running();
        DoneAndNotDone<Integer> result = assertTimeoutPreemptively(Await.GUARD, () -> Futures.wait(
                List.of(pending, cancelled, notified, running, ok, bad), FIRST_COMPLETED));
        assertEquals(List.of(cancelled, notified, ok, bad), List.copyOf(result.done()), "input order kept");
        assertEquals(List.of(pending, running), List.copyOf(result.notDone()));
    }

    @Test
    void firstCompletedReturnsWhenOneFutureCompletes() {
        Future<Integer> first = pending();
        Future<Integer> second = pending();
        Future<Integer> running = running();
        DoneAndNotDone<Integer> result = waitInOtherThread(List.of(first, second, running), FIRST_COMPLETED,
                () -> first.setResult(1));
        assertEquals(Set.of(first), result.done());
        assertEquals(Set.of(second, running), result.notDone());
    }

    @Test
    void cancellingAFutureWakesAFirstCompletedWait() {
        Future<Integer> future = pending();
        Future<Integer> other = pending();
        DoneAndNotDone<Integer> result = waitInOtherThread(List.of(future, other), FIRST_COMPLETED, future::cancel);
        assertEquals(Set.of(future), result.done());
    }

    @Test
    void firstExceptionReturnsAtOnceWhenADoneFutureFailed() {
        Future<Integer> bad = failed();
        Future<Integer> pending = pending();
        DoneAndNotDone<Integer> result = assertTimeoutPreemptively(Await.GUARD,
                () -> Futures.wait(List.of(pending, bad), FIRST_EXCEPTION));
        assertEquals(Set.of(bad), result.done());
        assertEquals(Set.of(pending), result.notDone());
    }

    @Test
    void firstExceptionReturnsWhenAFutureFails() {
        Future<Integer> ok = pending();
        Future<Integer> bad = pending();
        Future<Integer> stillRunning = running();
        DoneAndNotDone<Integer> result = waitInOtherThread(List.of(ok, bad, stillRunning), FIRST_EXCEPTION, () -> {
            ok.setResult(1);
            bad.setException(new IllegalStateException("fails"));
        });
        assertEquals(Set.of(ok, bad), result.done());
        assertEquals(Set.of(stillRunning), result.notDone());
    }

    @Test
    void firstExceptionDoesNotTreatCancellationAsAFailureAndWaitsForAll() {
        Future<Integer> alreadyCancelled = cancelled();
        Future<Integer> cancelledLater = pending();
        Future<Integer> last = pending();
        DoneAndNotDone<Integer> result = waitInOtherThread(List.of(alreadyCancelled, cancelledLater, last),
                FIRST_EXCEPTION, () -> {
                    cancelledLater.cancel();
                    last.setResult(3);
                });
        assertEquals(Set.of(alreadyCancelled, cancelledLater, last), result.done());
        assertTrue(result.notDone().isEmpty());
    }

    @Test
    void firstExceptionWithEverythingDoneAndNothingFailedReturns() {
        Future<Integer> ok = finished();
        Future<Integer> notified = cancelledAndNotified();
        DoneAndNotDone<Integer> result = assertTimeoutPreemptively(Await.GUARD,
                () -> Futures.wait(List.of(ok, notified), FIRST_EXCEPTION));
        assertEquals(Set.of(ok, notified), result.done());
    }

    @Test
    void allCompletedWaitsForEveryFuture() {
        Future<Integer> first = pending();
        Future<Integer> second = running();
        Future<Integer> done = finished();
        DoneAndNotDone<Integer> result = waitInOtherThread(List.of(first, second, done), ALL_COMPLETED, () -> {
            first.setResult(1);
            second.setException(new IllegalStateException("failure does not end ALL_COMPLETED"));
        });
        assertEquals(Set.of(first, second, done), result.done());
        assertTrue(result.notDone().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(ReturnWhen.class)
    void timeoutReturnsTheUnfinishedFuturesInsteadOfThrowing(ReturnWhen returnWhen) {
        Future<Integer> pending = pending();
        Future<Integer> running = running();
        DoneAndNotDone<Integer> result = Futures.wait(List.of(pending, running), Duration.ofMillis(20), returnWhen);
        assertTrue(result.done().isEmpty());
        assertEquals(Set.of(pending, running), result.notDone());
        assertTrue(!pending.cancelled() && running.running(), "a timeout cancels nothing");
    }

    @Test
    void negativeTimeoutActsAsZero() {
        Future<Integer> done = finished();
        Future<Integer> pending = pending();
        DoneAndNotDone<Integer> result = assertTimeoutPreemptively(Await.GUARD,
                () -> Futures.wait(List.of(done, pending), Duration.ofSeconds(-3), ALL_COMPLETED));
        assertEquals(Set.of(done), result.done());
        assertEquals(Set.of(pending), result.notDone());
    }

    @Test
    void resultIsASnapshotThatLaterCompletionsDoNotChange() {
        Future<Integer> pending = pending();
        DoneAndNotDone<Integer> result = Futures.wait(List.of(pending), Duration.ZERO, ALL_COMPLETED);
        pending.setResult(1);
        assertEquals(Set.of(pending), result.notDone());
        assertTrue(result.done().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> result.done().add(pending));
    }

    @Test
    void nullReturnWhenIsRejected() {
        assertThrows(NullPointerException.class, () -> Futures.wait(List.of(finished()), null, null));
    }

    @Test
    void interruptedWaitThrowsWaitInterrupted() {
        Await.Interrupted outcome = Await.interruptWhileWaiting(() -> Futures.wait(List.of(pending())));
        assertInstanceOf(WaitInterruptedException.class, outcome.thrown());
        assertTrue(outcome.flagAfter());
    }

    /** Calls wait() on a new thread, runs {@code complete} once it blocks, and returns what wait() returned. */
    private static DoneAndNotDone<Integer> waitInOtherThread(List<Future<Integer>> futures, ReturnWhen returnWhen,
                                                             Runnable complete) {
        AtomicReference<DoneAndNotDone<Integer>> result = new AtomicReference<>();
        Thread waiter = Await.start("waiter", () -> result.set(Futures.wait(futures, returnWhen)));
        Await.untilParked(waiter);
        complete.run();
        Await.join(waiter);
        assertNotNull(result.get(), "wait() threw");
        return result.get();
    }
}
