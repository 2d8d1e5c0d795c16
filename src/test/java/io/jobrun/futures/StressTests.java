package io.jobrun.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Many threads on the same futures at once: nothing runs twice, nothing is lost, nothing hangs (conformance 32). */
class StressTests {
    private static final int ROUNDS = 300;
    private static final Duration BUDGET = Duration.ofSeconds(30);

    /** What each racing thread saw in one round. */
    private record Round(Future<Integer> future, AtomicInteger callbackRuns, AtomicReference<Boolean> cancelWon,
                         AtomicReference<Boolean> setWon, AtomicReference<Object> resultSeen) {
    }

    @Test
    void racingCancelSetResultCallbacksAndResultStayConsistent() {
        assertTimeoutPreemptively(BUDGET, () -> {
            for (int i = 0; i < ROUNDS; i++) {
                checkRound(race());
            }
        });
    }

    private static Round race() {
        Round round = new Round(new Future<>(), new AtomicInteger(), new AtomicReference<>(), new AtomicReference<>(),
                new AtomicReference<>());
        Future<Integer> future = round.future();
        CyclicBarrier start = new CyclicBarrier(5);
        List<Thread> threads = List.of(
                Await.start("canceller", () -> {
                    Await.await(start);
                    round.cancelWon().set(future.cancel());
                }),
                Await.start("setter", () -> {
                    Await.await(start);
                    try {
                        future.setResult(7);
                        round.setWon().set(true);
                    } catch (InvalidStateException lost) {
                        round.setWon().set(false);
                    }
                }),
                Await.start("registrar", () -> {
                    Await.await(start);
                    future.addDoneCallback(f -> round.callbackRuns().incrementAndGet());
                }),
                Await.start("reader", () -> {
                    Await.await(start);
                    try {
                        round.resultSeen().set(future.result(Await.GUARD));
                    } catch (CancelledException e) {
                        round.resultSeen().set(e);
                    }
                }));
        future.addDoneCallback(f -> round.callbackRuns().incrementAndGet());
        Await.await(start);
        threads.forEach(Await::join);
        return round;
    }

    private static void checkRound(Round round) {
        Future<Integer> future = round.future();
        assertTrue(future.done());
        assertEquals(2, round.callbackRuns().get(), "each of the two callbacks runs exactly once");
        assertTrue(round.cancelWon().get() ^ round.setWon().get(), "exactly one of cancel and setResult wins");
        if (round.cancelWon().get()) {
            assertTrue(future.cancelled());
            assertTrue(round.resultSeen().get() instanceof CancelledException, "reader saw " + round.resultSeen());
        } else {
            assertEquals(7, future.result(Duration.ZERO));
            assertEquals(7, round.resultSeen().get());
        }
    }

    @Test
    void hundredFuturesCompletingAtOnceAreAllSeenByWaitAndAsCompleted() {
        assertTimeoutPreemptively(BUDGET, () -> {
            try (VirtualThreadExecutor executor = new VirtualThreadExecutor(100)) {
                for (int round = 0; round < 20; round++) {
                    Gate gate = Gate.inThisJvm();
                    List<Future<Integer>> futures = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        int value = i;
                        futures.add(executor.submit(() -> ExecutorContract.passing(gate, value)));
                    }
                    gate.awaitArrivals(100);
                    CompletionIterator<Integer> completions = Futures.asCompleted(futures);
                    gate.open();
                    DoneAndNotDone<Integer> waited = Futures.wait(futures, ReturnWhen.ALL_COMPLETED);
                    assertEquals(100, waited.done().size());
                    assertTrue(waited.notDone().isEmpty());
                    Set<Future<Integer>> yielded = ConcurrentHashMap.newKeySet();
                    completions.forEachRemaining(yielded::add);
                    assertEquals(Set.copyOf(futures), yielded);
                }
            }
        });
    }
}
