package io.jobrun.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What only the virtual-thread executor does: virtual threads, and at most maxWorkers at once. */
class VirtualThreadExecutorTests {
    private final Gate gate = Gate.inThisJvm();
    private final VirtualThreadExecutor executor = new VirtualThreadExecutor(
            VirtualThreadExecutor.options().maxWorkers(3).threadNamePrefix("fanout"));

    @AfterEach
    void shutDown() {
        gate.open();
        executor.shutdown(true, true);
    }

    @Test
    void neverRunsMoreThanMaxWorkersTasksAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger highWater = new AtomicInteger();
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            futures.add(executor.submit(() -> {
                highWater.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    return ExecutorContract.passing(gate, 1);
                } finally {
                    running.decrementAndGet();
                }
            }));
        }
        gate.awaitArrivals(3);
        assertEquals(3, running.get(), "the first three hold every slot");
        gate.open();
        for (Future<Integer> future : futures) {
            assertEquals(1, future.result(Await.GUARD));
        }
        assertEquals(3, highWater.get());
        assertEquals(30, gate.arrivals());
    }

    @Test
    void tasksRunOnVirtualThreadsNamedWithThePrefix() {
        Thread worker = executor.submit(Thread::currentThread).result(Await.GUARD);
        assertTrue(worker.isVirtual());
        assertTrue(worker.getName().matches("fanout_\\d+"), worker.getName());
    }

    @Test
    void threadNamesKeepCountingPastMaxWorkers() throws InterruptedException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Thread worker = executor.submit(Thread::currentThread).result(Await.GUARD);
            names.add(worker.getName());
            // NOTE: its result comes before it leaves its slot; with every slot still held, the next task would wait
            // for one of them rather than start a thread
            worker.join();
        }
        // No worker is kept idle, so each of these sequential tasks starts a thread of its own.
        assertEquals(List.of("fanout_0", "fanout_1", "fanout_2", "fanout_3", "fanout_4"), names);
    }

    @Test
    void maxWorkersBelowOneIsRejected() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new VirtualThreadExecutor(0));
        assertTrue(thrown.getMessage().startsWith("maxWorkers must be greater than 0"), thrown.getMessage());
    }
}
