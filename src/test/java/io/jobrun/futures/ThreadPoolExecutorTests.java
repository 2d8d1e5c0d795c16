package io.jobrun.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What only the platform-thread pool does: lazy threads, reuse, names, initializers (conformance section H). */
class ThreadPoolExecutorTests {
    private final List<ThreadPoolExecutor> pools = new ArrayList<>();
    private final Gate gate = Gate.inThisJvm();

    private ThreadPoolExecutor pool(ThreadPoolExecutor.Options options) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(options);
        pools.add(pool);
        return pool;
    }

    @AfterEach
    void shutDown() {
        gate.open();
        pools.forEach(pool -> pool.shutdown(true, true));
    }

    @Test
    void threadsAreStartedLazilyOnePerBlockingTask() {
        ThreadPoolExecutor pool = pool(ThreadPoolExecutor.options().maxWorkers(5));
        assertEquals(0, pool.workerCount());
        for (int i = 0; i < 3; i++) {
            pool.submit(() -> ExecutorContract.passing(gate, 0));
        }
        gate.awaitArrivals(3);
        assertEquals(3, pool.workerCount());
    }

    @Test
    void saturatedPoolStartsExactlyMaxWorkersThreads() {
        ThreadPoolExecutor pool = pool(ThreadPoolExecutor.options().maxWorkers(4).threadNamePrefix("saturated"));
        Set<String> names = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 15 * 4; i++) {
            pool.submit(() -> {
                names.add(Thread.currentThread().getName());
                return ExecutorContract.passing(gate, 0);
            });
        }
        gate.awaitArrivals(4);
        assertEquals(4, pool.workerCount());
        gate.open();
        pool.shutdown();
        assertEquals(Set.of("saturated_0", "saturated_1", "saturated_2", "saturated_3"), names);
    }

    @Test
    void idleThreadIsReusedForSequentialWork() {
        ThreadPoolExecutor pool = pool(ThreadPoolExecutor.options().maxWorkers(5));
        Set<Thread> used = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            Thread worker = pool.submit(Thread::currentThread).result(Await.GUARD);
            used.add(worker);
            // The worker announces itself idle just after it publishes the result; wait for it to park
            // (inherent to CPython's design too, gh-117344), then the next submit must reuse it.
            Await.untilParked(worker);
        }
        assertEquals(1, used.size());
        assertEquals(1, pool.workerCount());
    }

    @Test
    void threadsAreNamedWithThePrefixAndTheirNumber() {
        assertEquals(Set.of("SpecialPool_0", "SpecialPool_1", "SpecialPool_2", "SpecialPool_3", "SpecialPool_4"),
                namesOfFiveBlockedWorkers(ThreadPoolExecutor.options().maxWorkers(5).threadNamePrefix("SpecialPool")));
    }

    @Test
    void defaultThreadNamesNumberThePool() {
        Set<String> names = namesOfFiveBlockedWorkers(ThreadPoolExecutor.options().maxWorkers(5));
        assertEquals(5, names.size());
        assertTrue(names.stream().allMatch(name -> name.matches("ThreadPoolExecutor-\\d+_[0-4]")), names.toString());
    }

    private Set<String> namesOfFiveBlockedWorkers(ThreadPoolExecutor.Options options) {
        ThreadPoolExecutor pool = pool(options);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            futures.add(pool.submit(() -> {
                ExecutorContract.passing(gate, 0);
                return Thread.currentThread().getName();
            }));
        }
        gate.awaitArrivals(5);
        gate.open();
        return futures.stream().map(f -> f.result(Await.GUARD)).collect(Collectors.toSet());
    }

    @Test
    void workersAreDaemonThreads() {
        ThreadPoolExecutor pool = pool(ThreadPoolExecutor.options().maxWorkers(1));
        assertTrue(pool.submit(() -> Thread.currentThread().isDaemon()).result(Await.GUARD));
    }

    @Test
    void defaultMaxWorkersIsProcessorsPlusFourCappedAt32() {
        int expected = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
        ThreadPoolExecutor pool = new ThreadPoolExecutor();
        pools.add(pool);
        assertEquals(expected, pool.maxWorkers());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void maxWorkersBelowOneIsRejected(int maxWorkers) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new ThreadPoolExecutor(maxWorkers));
        assertTrue(thrown.getMessage().startsWith("maxWorkers must be greater than 0"), thrown.getMessage());
    }
}
