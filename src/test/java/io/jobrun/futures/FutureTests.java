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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The future state machine, results, callbacks and the JDK views: conformance sections A, B and C. */
class FutureTests {

    @Nested
    class StateMachine {
        @Test
        void newFutureIsPendingAndNeitherRunningNorDoneNorCancelled() {
            Future<Integer> future = new Future<>();
            assertEquals(FutureState.PENDING, future.futureState());
            assertFalse(future.running());
            assertFalse(future.done());
            assertFalse(future.cancelled());
        }

        @ParameterizedTest
        @CsvSource({
            "PENDING,                 false, false, false",
            "RUNNING,                 true,  false, false",
            "CANCELLED,               false, true,  true",
            "CANCELLED_AND_NOTIFIED,  false, true,  true",
            "FINISHED_WITH_RESULT,    false, true,  false",
            "FINISHED_WITH_EXCEPTION, false, true,  false",
        })
        void queriesReportTheState(FutureFixtures fixture, boolean running, boolean done, boolean cancelled) {
            Future<Integer> future = fixture.create();
            assertEquals(running, future.running(), "running()");
            assertEquals(done, future.done(), "done()");
            assertEquals(cancelled, future.cancelled(), "cancelled()");
            assertEquals(done, future.isDone(), "isDone()");
            assertEquals(cancelled, future.isCancelled(), "isCancelled()");
        }

        @ParameterizedTest
        @CsvSource({
            "PENDING,                 true,  CANCELLED",
            "RUNNING,                 false, RUNNING",
            "CANCELLED,               true,  CANCELLED",
            "CANCELLED_AND_NOTIFIED,  true,  CANCELLED_AND_NOTIFIED",
            "FINISHED_WITH_RESULT,    false, FINISHED",
            "FINISHED_WITH_EXCEPTION, false, FINISHED",
        })
        void cancelReturnsWhetherTheFutureEndsCancelled(FutureFixtures fixture, boolean returned, FutureState after) {
            Future<Integer> future = fixture.create();
            assertEquals(returned, future.cancel());
            assertEquals(after, future.futureState());
        }

        @Test
        void cancelOfRunningFutureReturnsFalseAndKeepsItRunning() {
            Future<Integer> future = pending();
            assertTrue(future.setRunningOrNotifyCancel());
            assertFalse(future.cancel());
            assertTrue(future.running());
        }

        @Test
        void secondCancelReturnsTrueWithoutRunningCallbacksAgain() {
            Future<Integer> future = pending();
            AtomicInteger calls = new AtomicInteger();
            future.addDoneCallback(f -> calls.incrementAndGet());
            assertTrue(future.cancel());
            assertTrue(future.cancel());
            assertEquals(1, calls.get());
        }

        @Test
        void setRunningOrNotifyCancelMovesPendingToRunning() {
            Future<Integer> future = pending();
            assertTrue(future.setRunningOrNotifyCancel());
            assertEquals(FutureState.RUNNING, future.futureState());
        }

        @Test
        void setRunningOrNotifyCancelAcknowledgesACancellation() {
            Future<Integer> future = cancelled();
            assertFalse(future.setRunningOrNotifyCancel());
            assertEquals(FutureState.CANCELLED_AND_NOTIFIED, future.futureState());
        }

        @ParameterizedTest
        @EnumSource(names = {"RUNNING", "CANCELLED_AND_NOTIFIED", "FINISHED_WITH_RESULT", "FINISHED_WITH_EXCEPTION"})
        void setRunningOrNotifyCancelInAnyOtherStateIsAnExecutorBug(FutureFixtures fixture) {
            Future<Integer> future = fixture.create();
            FutureState before = future.futureState();
            IllegalStateException error = assertThrows(IllegalStateException.class, future::setRunningOrNotifyCancel);
            assertEquals("Future in unexpected state", error.getMessage());
            assertEquals(before, future.futureState());
        }

        @ParameterizedTest
        @EnumSource(names = {"PENDING", "RUNNING"})
        void setResultFinishesAPendingOrRunningFuture(FutureFixtures fixture) {
            Future<Integer> future = fixture.create();
            future.setResult(7);
            assertEquals(FutureState.FINISHED, future.futureState());
            assertEquals(7, future.result());
        }

        @ParameterizedTest
        @EnumSource(names = {"PENDING", "RUNNING"})
        void setExceptionFinishesAPendingOrRunningFuture(FutureFixtures fixture) {
            Future<Integer> future = fixture.create();
            IllegalStateException error = new IllegalStateException("set");
            future.setException(error);
            assertEquals(FutureState.FINISHED, future.futureState());
            assertSame(error, future.exception());
        }

        @ParameterizedTest
        @CsvSource({
            "CANCELLED,               CANCELLED",
            "CANCELLED_AND_NOTIFIED,  CANCELLED_AND_NOTIFIED",
            "FINISHED_WITH_RESULT,    FINISHED",
            "FINISHED_WITH_EXCEPTION, FINISHED",
        })
        void setResultOrExceptionOnADoneFutureNamesTheStateAndKeepsTheOutcome(FutureFixtures fixture,
                                                                              FutureState state) {
            Future<Integer> future = fixture.create();
            String before = future.toString();
            InvalidStateException onResult = assertThrows(InvalidStateException.class, () -> future.setResult(1));
            assertEquals(state + ": " + before, onResult.getMessage());
            InvalidStateException onException = assertThrows(InvalidStateException.class,
                    () -> future.setException(new IOException("late")));
            assertEquals(state + ": " + before, onException.getMessage());
            assertEquals(before, future.toString(), "the outcome is unchanged");
            assertEquals(state, future.futureState());
        }

        @Test
        void secondSetResultKeepsTheFirstValue() {
            Future<Integer> future = pending();
            future.setResult(1);
            assertThrows(InvalidStateException.class, () -> future.setResult(2));
            assertEquals(1, future.result());
        }

        @Test
        void setExceptionRejectsNull() {
            Future<Integer> future = pending();
            assertThrows(IllegalArgumentException.class, () -> future.setException(null));
            assertFalse(future.done());
        }
    }

    @Nested
    class Results {
        @ParameterizedTest
        @EnumSource(names = {"PENDING", "RUNNING"})
        void resultWithZeroOrNegativeTimeoutOfAnUnfinishedFutureTimesOut(FutureFixtures fixture) {
            Future<Integer> future = fixture.create();
            assertThrows(FutureTimeoutException.class, () -> future.result(Duration.ZERO));
            assertThrows(FutureTimeoutException.class, () -> future.result(Duration.ofSeconds(-5)));
            assertThrows(FutureTimeoutException.class, () -> future.exception(Duration.ZERO));
            assertThrows(FutureTimeoutException.class, () -> future.exception(Duration.ofSeconds(-5)));
            assertFalse(future.cancelled(), "a timeout does not cancel");
        }

        @ParameterizedTest
        @EnumSource(names = {"CANCELLED", "CANCELLED_AND_NOTIFIED"})
        void resultAndExceptionOfACancelledFutureThrowCancelled(FutureFixtures fixture) {
            Future<Integer> future = fixture.create();
            assertThrows(CancelledException.class, () -> future.result(Duration.ZERO));
            assertThrows(CancelledException.class, () -> future.exception(Duration.ZERO));
            assertThrows(CancelledException.class, future::result);
            assertThrows(CancelledException.class, future::exception);
        }

        @Test
        void finishedFutureAnswersAtOnceWhateverTheTimeout() {
            Future<Integer> future = finished();
            assertEquals(42, future.result(Duration.ZERO));
            assertEquals(42, future.result(Duration.ofSeconds(-1)));
            assertEquals(42, future.result(null));
            assertNull(future.exception(Duration.ZERO));
        }

        @Test
        void failedFutureThrowsAndReturnsTheVeryExceptionObject() {
            IllegalArgumentException error = new IllegalArgumentException("mine");
            Future<Integer> future = Future.failed(error);
            assertSame(error, assertThrows(IllegalArgumentException.class, () -> future.result(Duration.ZERO)));
            assertSame(error, assertThrows(IllegalArgumentException.class, future::result));
            assertSame(error, future.exception(Duration.ZERO));
            assertSame(error, future.exception());
        }

        @Test
        void errorIsRethrownItself() {
            AssertionError error = new AssertionError("fatal");
            Future<Integer> future = Future.failed(error);
            assertSame(error, assertThrows(AssertionError.class, future::result));
        }

        @Test
        void checkedExceptionArrivesWrappedWithTheVeryObjectAsCause() {
            IOException error = new IOException("disk");
            Future<Integer> future = Future.failed(error);
            CompletionException thrown = assertThrows(CompletionException.class, future::result);
            assertSame(error, thrown.getCause());
            assertSame(error, future.exception());
        }

        @Test
        void blockedResultReturnsOnceAnotherThreadSetsIt() {
            Future<Integer> future = pending();
            AtomicReference<Object> got = new AtomicReference<>();
            Thread waiter = Await.start("waiter", () -> got.set(future.result()));
            Await.untilParked(waiter);
            future.setResult(42);
            Await.join(waiter);
            assertEquals(42, got.get());
        }

        @Test
        void blockedResultIsWokenByCancel() {
            Future<Integer> future = pending();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread waiter = Await.start("waiter", () -> {
                try {
                    future.result(Await.GUARD.multipliedBy(3));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            Await.untilParked(waiter);
            assertTrue(future.cancel());
            Await.join(waiter);
            assertInstanceOf(CancelledException.class, thrown.get());
        }

        @Test
        void interruptedResultThrowsWaitInterruptedAndKeepsTheInterrupt() {
            Future<Integer> future = pending();
            Await.Interrupted outcome = Await.interruptWhileWaiting(future::result);
            assertInstanceOf(WaitInterruptedException.class, outcome.thrown());
            assertInstanceOf(InterruptedException.class, outcome.thrown().getCause());
            assertTrue(outcome.flagAfter());
            assertFalse(future.done());
        }

        @Test
        void cancelCountsAsDoneForAwaitDone() {
            Future<Integer> future = pending();
            assertFalse(future.awaitDone(Duration.ZERO));
            future.cancel();
            assertTrue(future.awaitDone(Duration.ZERO));
        }
    }

    @Nested
    class Callbacks {
        @Test
        void callbacksRunOnceEachInRegistrationOrderWithTheFuture() {
            Future<Integer> future = pending();
            List<String> calls = new ArrayList<>();
            future.addDoneCallback(f -> calls.add("first " + f.result()));
            future.addDoneCallback(f -> calls.add("second " + (f == future)));
            future.addDoneCallback(f -> calls.add("third"));
            future.setResult(5);
            assertEquals(List.of("first 5", "second true", "third"), calls);
        }

        @Test
        void callbackSeesTheExceptionOfAFailedFuture() {
            Future<Integer> future = pending();
            IllegalStateException error = new IllegalStateException("x");
            AtomicReference<Throwable> seen = new AtomicReference<>();
            future.addDoneCallback(f -> seen.set(f.exception()));
            future.setException(error);
            assertSame(error, seen.get());
        }

        @Test
        void cancelRunsCallbacksInTheCancellingThreadWithTheFutureCancelled() {
            Future<Integer> future = pending();
            AtomicReference<Thread> where = new AtomicReference<>();
            AtomicReference<Boolean> wasCancelled = new AtomicReference<>();
            future.addDoneCallback(f -> {
                where.set(Thread.currentThread());
                wasCancelled.set(f.cancelled());
            });
            future.cancel();
            assertSame(Thread.currentThread(), where.get());
            assertTrue(wasCancelled.get());
        }

        @ParameterizedTest
        @EnumSource(names = {"CANCELLED", "CANCELLED_AND_NOTIFIED", "FINISHED_WITH_RESULT", "FINISHED_WITH_EXCEPTION"})
        void callbackAddedToADoneFutureRunsAtOnceInTheAddingThread(FutureFixtures fixture) {
            Future<Integer> future = fixture.create();
            AtomicReference<Thread> where = new AtomicReference<>();
            future.addDoneCallback(f -> where.set(Thread.currentThread()));
            assertSame(Thread.currentThread(), where.get());
        }

        @Test
        void callbackAddedBeforeCompletionRunsInTheCompletingThread() {
            Future<Integer> future = pending();
            AtomicReference<Thread> where = new AtomicReference<>();
            future.addDoneCallback(f -> where.set(Thread.currentThread()));
            Thread completer = Await.start("completer", () -> future.setResult(1));
            Await.join(completer);
            assertSame(completer, where.get());
        }

        @Test
        void throwingCallbackIsLoggedAndTheOthersStillRun() {
            Future<Integer> future = pending();
            List<String> calls = new ArrayList<>();
            future.addDoneCallback(f -> calls.add("before"));
            future.addDoneCallback(f -> {
                throw new IllegalStateException("callback blew up");
            });
            future.addDoneCallback(f -> calls.add("after"));
            String log = capturingStandardError(() -> future.setResult(1));
            assertEquals(List.of("before", "after"), calls);
            assertTrue(log.contains("exception calling callback for"), log);
            assertTrue(log.contains("callback blew up"), log);
            assertEquals(1, future.result());
        }

        @Test
        void throwingCallbackOnADoneFutureIsLoggedNotThrown() {
            Future<Integer> future = finished();
            String log = capturingStandardError(() -> future.addDoneCallback(f -> {
                throw new IllegalStateException("late callback blew up");
            }));
            assertTrue(log.contains("late callback blew up"), log);
        }

        /** CPython: a BaseException from a callback propagates and the later callbacks do not run ("undefined"). */
        @Test
        void errorFromACallbackPropagatesFromTheCompletingCallWithTheFutureAlreadyFinished() {
            Future<Integer> future = pending();
            List<String> calls = new ArrayList<>();
            future.addDoneCallback(f -> calls.add("before"));
            future.addDoneCallback(f -> {
                throw new AssertionError("an Error, not an Exception");
            });
            future.addDoneCallback(f -> calls.add("after"));
            assertThrows(AssertionError.class, () -> future.setResult(1));
            assertEquals(List.of("before"), calls);
            assertEquals(FutureState.FINISHED, future.futureState());
            assertEquals(1, future.result());
        }

        @Test
        void callbackMayAddAnotherCallbackWhichRunsAtOnce() {
            Future<Integer> future = pending();
            List<String> calls = new ArrayList<>();
            future.addDoneCallback(f -> {
                calls.add("outer");
                f.addDoneCallback(g -> calls.add("inner"));
            });
            future.setResult(1);
            assertEquals(List.of("outer", "inner"), calls);
        }

        /** slf4j-simple writes to System.err as it is at the time of logging. */
        private static String capturingStandardError(Runnable action) {
            PrintStream original = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                action.run();
            } finally {
                System.setErr(original);
            }
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Nested
    class JdkFutureView {
        @Test
        void getReturnsTheResult() throws Exception {
            assertEquals(42, finished().get());
            assertEquals(42, finished().get(0, TimeUnit.SECONDS));
        }

        @Test
        void getWrapsTheTaskExceptionInExecutionException() {
            IOException error = new IOException("disk");
            Future<Integer> future = Future.failed(error);
            assertSame(error, assertThrows(ExecutionException.class, future::get).getCause());
            assertSame(error, assertThrows(ExecutionException.class, () -> future.get(1, TimeUnit.SECONDS)).getCause());
        }

        @Test
        void getOfACancelledFutureThrowsCancellation() {
            assertThrows(java.util.concurrent.CancellationException.class, () -> cancelled().get());
        }

        @Test
        void getWithTimeoutThrowsTheCheckedTimeoutException() {
            assertThrows(TimeoutException.class, () -> pending().get(0, TimeUnit.MILLISECONDS));
            assertThrows(TimeoutException.class, () -> running().get(-1, TimeUnit.SECONDS));
        }

        @Test
        void getWithTheLongestTimeoutOfAnyUnitReturnsADoneResult() throws Exception {
            for (TimeUnit unit : TimeUnit.values()) {
                assertEquals(42, finished().get(Long.MAX_VALUE, unit), unit.name());
            }
        }

        @Test
        void interruptedGetThrowsInterruptedExceptionAndClearsTheFlag() {
            Future<Integer> future = pending();
            Await.Interrupted outcome = Await.interruptWhileWaiting(() -> {
                try {
                    future.get();
                } catch (InterruptedException | ExecutionException e) {
                    throw new CompletionException(e);
                }
            });
            assertInstanceOf(InterruptedException.class, outcome.thrown().getCause());
            assertFalse(outcome.flagAfter(), "InterruptedException means the flag is cleared");
        }

        @ParameterizedTest
        @CsvSource({
            "PENDING,                 RUNNING",
            "RUNNING,                 RUNNING",
            "CANCELLED,               CANCELLED",
            "CANCELLED_AND_NOTIFIED,  CANCELLED",
            "FINISHED_WITH_RESULT,    SUCCESS",
            "FINISHED_WITH_EXCEPTION, FAILED",
        })
        void stateMapsToTheJdkStates(FutureFixtures fixture, java.util.concurrent.Future.State expected) {
            assertEquals(expected, fixture.create().state());
        }

        @Test
        void resultNowAndExceptionNowAnswerOnlyForTheirState() {
            assertEquals(42, finished().resultNow());
            assertInstanceOf(IllegalArgumentException.class, failed().exceptionNow());
            assertThrows(IllegalStateException.class, () -> failed().resultNow());
            assertThrows(IllegalStateException.class, () -> finished().exceptionNow());
            assertThrows(IllegalStateException.class, () -> pending().resultNow());
            assertThrows(IllegalStateException.class, () -> cancelled().exceptionNow());
        }

        @Test
        void cancelWithInterruptFlagDoesNotStopARunningFuture() {
            Future<Integer> future = running();
            assertFalse(future.cancel(true));
            assertTrue(future.running());
        }
    }

    @Nested
    class CompletableFutureBridge {
        @Test
        void toCompletableFutureCarriesTheResult() {
            Future<Integer> future = pending();
            CompletableFuture<Integer> completable = future.toCompletableFuture();
            assertFalse(completable.isDone());
            future.setResult(3);
            assertEquals(3, completable.join());
        }

        @Test
        void toCompletableFutureCarriesTheVeryException() {
            IOException error = new IOException("x");
            CompletableFuture<Integer> completable = Future.<Integer>failed(error).toCompletableFuture();
            assertSame(error, assertThrows(CompletionException.class, completable::join).getCause());
        }

        @Test
        void cancellingTheFutureCancelsTheCompletableFuture() {
            Future<Integer> future = pending();
            CompletableFuture<Integer> completable = future.toCompletableFuture();
            future.cancel();
            assertTrue(completable.isCancelled());
        }

        @Test
        void cancellingTheCompletableFutureCancelsThePendingFuture() {
            Future<Integer> future = pending();
            future.toCompletableFuture().cancel(false);
            assertTrue(future.cancelled());
        }

        @Test
        void fromCarriesTheResultAndTheUnwrappedException() {
            CompletableFuture<Integer> ok = new CompletableFuture<>();
            Future<Integer> fromOk = Future.from(ok);
            assertFalse(fromOk.done());
            ok.complete(9);
            assertEquals(9, fromOk.result(Duration.ZERO));

            IOException error = new IOException("x");
            Future<Integer> fromFailed = Future.from(CompletableFuture.<Integer>failedFuture(error));
            assertSame(error, fromFailed.exception(Duration.ZERO));

            IllegalStateException inner = new IllegalStateException("inner");
            Future<Integer> fromStage = Future.from(CompletableFuture.<Integer>completedFuture(1)
                    .thenApply(x -> { throw inner; }));
            assertSame(inner, fromStage.exception(Duration.ZERO), "CompletionException is unwrapped");
        }

        @Test
        void fromFollowsACancelledStage() {
            CompletableFuture<Integer> completable = new CompletableFuture<>();
            Future<Integer> future = Future.from(completable);
            completable.cancel(false);
            assertTrue(future.cancelled());
        }

        @Test
        void cancellingTheFutureFromAStageCancelsTheStage() {
            CompletableFuture<Integer> completable = new CompletableFuture<>();
            Future<Integer> future = Future.from(completable);
            assertTrue(future.cancel());
            assertTrue(completable.isCancelled());
        }
    }

    @Nested
    class Text {
        @Test
        void toStringNamesTheStateAsCPythonsReprDoes() {
            assertTrue(pending().toString().matches("Future@[0-9a-f]+\\[state=pending]"), pending().toString());
            assertTrue(running().toString().endsWith("[state=running]"));
            assertTrue(cancelled().toString().endsWith("[state=cancelled]"));
            assertTrue(cancelledAndNotified().toString().endsWith("[state=cancelled]"));
            assertTrue(finished().toString().endsWith("[state=finished returned Integer]"));
            assertTrue(failed().toString().endsWith("[state=finished raised IllegalArgumentException]"));
            assertTrue(Future.successful(null).toString().endsWith("[state=finished returned null]"));
        }
    }
}
