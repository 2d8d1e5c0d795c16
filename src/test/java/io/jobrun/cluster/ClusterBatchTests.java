package io.jobrun.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.jobrun.cluster.ClusterExecutorTests.Blocked;
import io.jobrun.futures.CancelledException;
import io.jobrun.futures.Future;
import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.futures.Task;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A deep queue of quick tasks goes to members in batches, one submission per slot, and each task of a batch keeps
 * what it has alone: its own result or error, its own time limit on the member, its own return to the queue when its
 * member leaves, and a stop that stops it. The batch budget is set high here, so that batch sizes depend on the queue
 * alone and not on how fast this machine is.
 */
class ClusterBatchTests {
    private static final Map<String, CountDownLatch> LATCHES = ClusterExecutorTests.LATCHES;
    private static final Duration GUARD = Duration.ofSeconds(60);
    /** How often each task ran, by id. */
    static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    /** Counts its runs under {@code id} and answers {@code value}; fails when {@code value} is negative. */
    record Counted(String id, int value) implements Task<Object> {
        @Override
        public Object call() {
            RUNS.computeIfAbsent(id, ignored -> new AtomicInteger()).incrementAndGet();
            if (value < 0) {
                throw new IllegalStateException("task " + value + " fails");
            }
            return value;
        }
    }

    record Sleeps() implements Task<Object> {
        @Override
        public Object call() throws InterruptedException {
            Thread.sleep(60_000);
            return "slept";
        }
    }

    /** Waits for its latch, as long as it takes. */
    record Waits(String latch) implements Task<Object> {
        @Override
        public Object call() throws InterruptedException {
            LATCHES.get(latch).await();
            return "released";
        }
    }

    private static ClusterExecutor.Options options(int slots) {
        return ClusterExecutor.Options.of(slots).batchBudget(Duration.ofHours(1));
    }

    @Test
    void aDeepQueueOfQuickTasksTravelsInBatchesEachTaskWithItsOwnOutcomeAndTimeLimit() {
        ClusterSecret secret = ClusterSecret.random();
        try (ClusterMember member = ClusterMember.start(MemberOptions.loopback(1, "batch-" + UUID.randomUUID()),
                secret)) {
            ClusterExecutor executor = ClusterExecutor.onMember(member, secret, options(1));
            assertEquals(0, executor.submit(new Counted(UUID.randomUUID().toString(), 0)).result(GUARD),
                    "a first task, alone: the pace is known after it");
            String arrived = latch();
            String release = latch();
            Future<Object> blocker = executor.submit(new Blocked(release, arrived));
            await(arrived);
            String id = UUID.randomUUID().toString();
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(i == 100 ? executor.submit(new Sleeps(), Duration.ofMillis(300))
                        : executor.submit(new Counted(id, i % 50 == 7 ? -i : i)));
            }
            LATCHES.get(release).countDown();
            assertEquals("done", blocker.result(GUARD));
            for (int i = 0; i < 200; i++) {
                Future<Object> future = futures.get(i);
                if (i == 100) {
                    FutureTimeoutException late = assertInstanceOf(FutureTimeoutException.class,
                            future.exception(GUARD));
                    assertEquals("task exceeded its time limit of 300ms", late.getMessage());
                } else if (i % 50 == 7) {
                    assertEquals("task -" + i + " fails", future.exception(GUARD).getMessage());
                } else {
                    assertEquals(i, future.result(GUARD));
                }
            }
            assertEquals(199, RUNS.get(id).get(), "each task ran once");
            // NOTE: the first task, the blocker, then 200 waiting tasks in batches of at most 64: 64, 64, 64, 8
            assertEquals(6, executor.dispatches());
            executor.shutdown();
        }
    }

    @Test
    void aBatchLostWithItsMemberGoesBackTaskByTaskAndEachRunsOnceElsewhere() {
        ClusterSecret secret = ClusterSecret.random();
        String cluster = "batch-lost-" + UUID.randomUUID();
        try (ClusterMember stays = ClusterMember.start(MemberOptions.loopback(1, cluster), secret);
             ClusterMember leaves = ClusterMember.start(new MemberOptions("127.0.0.1", 0, false,
                     List.of(stays.address()), 1, cluster), secret)) {
            ClusterExecutor executor = ClusterExecutor.onMember(stays, secret, options(2));
            ClusterExecutorTests.awaitMembers(executor, 2);
            assertEquals(0, executor.submit(new Counted(UUID.randomUUID().toString(), 0)).result(GUARD));
            // one blocker on each member, and where each went
            Map<String, String> releaseOn = new ConcurrentHashMap<>();
            List<String> arrivals = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String arrived = latch();
                String release = latch();
                arrivals.add(arrived);
                executor.submit(new Blocked(release, arrived), null, OnLoss.RESUBMIT,
                        (attempt, member, left) -> releaseOn.put(member, release));
            }
            arrivals.forEach(ClusterBatchTests::await);
            // queued behind them: a task that blocks, then quick ones; they leave together as one batch
            String arrived = latch();
            String release = latch();
            Future<Object> head = executor.submit(new Blocked(release, arrived));
            String id = UUID.randomUUID().toString();
            List<Future<Object>> quick = new ArrayList<>();
            List<List<String>> reports = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                List<String> report = new CopyOnWriteArrayList<>();
                reports.add(report);
                quick.add(executor.submit(new Counted(id + i, i), null, OnLoss.RESUBMIT,
                        (attempt, member, left) -> report.add("attempt " + attempt + " on " + member
                                + (left == null ? "" : " after " + left + " left"))));
            }
            String leftAddress = leaves.address();
            LATCHES.get(releaseOn.get(leftAddress)).countDown(); // the slot of the member that leaves frees first
            await(arrived);
            leaves.close();
            LATCHES.get(release).countDown(); // NOTE: in one JVM the terminated member's thread runs on: let it end
            LATCHES.get(releaseOn.get(stays.address())).countDown();
            assertEquals("done", head.result(GUARD));
            for (int i = 0; i < 20; i++) {
                assertEquals(i, quick.get(i).result(GUARD));
                assertEquals(1, RUNS.get(id + i).get(), "task " + i + " ran once");
                assertEquals(List.of("attempt 1 on " + leftAddress, "attempt 2 on " + stays.address() + " after "
                        + leftAddress + " left"), reports.get(i));
            }
            executor.shutdown();
        }
    }

    @Test
    void stoppingABatchStopsItsRunningTaskAndStartsNoneAfterIt() {
        ClusterSecret secret = ClusterSecret.random();
        try (ClusterMember member = ClusterMember.start(MemberOptions.loopback(1, "batch-stop-" + UUID.randomUUID()),
                secret)) {
            ClusterExecutor executor = ClusterExecutor.onMember(member, secret, options(1));
            assertEquals(0, executor.submit(new Counted(UUID.randomUUID().toString(), 0)).result(GUARD));
            String firstArrived = latch();
            String firstRelease = latch();
            Future<Object> first = executor.submit(new Blocked(firstRelease, firstArrived));
            await(firstArrived);
            String arrived = latch();
            Future<Object> head = executor.submit(new Blocked(latch(), arrived));
            String id = UUID.randomUUID().toString();
            List<Future<Object>> after = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                after.add(executor.submit(new Counted(id, i)));
            }
            LATCHES.get(firstRelease).countDown();
            assertEquals("done", first.result(GUARD));
            await(arrived);
            executor.stopRunning();
            assertInstanceOf(CancelledException.class, head.exception(GUARD));
            for (Future<Object> future : after) {
                assertInstanceOf(CancelledException.class, future.exception(GUARD));
            }
            // NOTE: the member's one slot takes the next task only once the stopped batch has let go of it
            ClusterExecutor next = ClusterExecutor.onMember(member, secret, options(1));
            assertEquals(7, next.submit(new Counted(UUID.randomUUID().toString(), 7)).result(GUARD));
            assertEquals(null, RUNS.get(id), "no task after the stopped one ran");
            next.shutdown();
        }
    }

    /**
     * A stop that comes after a batch has its member but before its submission is sent (the runner's thread between
     * the two) still reaches the member: the submission, sent after all, is cancelled there, not left to run a task
     * whose future already failed and to hold its member's slot.
     */
    @Test
    void aStopBeforeTheSubmissionIsSentStillCancelsItOnItsMember() throws Exception {
        ClusterSecret secret = ClusterSecret.random();
        String release = latch();
        try (ClusterMember member = ClusterMember.start(MemberOptions.loopback(1, "batch-early-stop-"
                + UUID.randomUUID()), secret)) {
            SentFutures sent = new SentFutures(member);
            ClusterExecutor executor = ClusterExecutor.over(sent, secret, options(1));
            // NOTE: a dispatch is heard as the batch goes out, before it is sent: the stop comes exactly there
            Future<Object> stuck = executor.submit(new Waits(release), null, OnLoss.RESUBMIT,
                    (attempt, where, left) -> executor.stopRunning());
            assertInstanceOf(CancelledException.class, stuck.exception(GUARD));
            // NOTE: the stop ran on the thread that sends, before the send: wait for the send, then for its end
            CompletableFuture<?> submission = sent.sent.get(GUARD.toSeconds(), TimeUnit.SECONDS);
            assertThrows(CancellationException.class, () -> submission.get(GUARD.toSeconds(), TimeUnit.SECONDS),
                    "what was sent is cancelled on its member, not left running");
        } finally {
            LATCHES.get(release).countDown();
        }
    }

    /** A connection to a member of this JVM that keeps every future Hazelcast returns for a submission. */
    private static final class SentFutures extends Connection {
        /** What Hazelcast returned for the first submission; a test's executor sends one. */
        final CompletableFuture<CompletableFuture<?>> sent = new CompletableFuture<>();
        private final ClusterMember member;

        SentFutures(ClusterMember member) {
            this.member = member;
        }

        @Override
        HazelcastInstance open(MembershipListener listener) {
            HazelcastInstance real = member.instance();
            real.getCluster().addMembershipListener(listener);
            IExecutorService executor = real.getExecutorService(ClusterConfigs.EXECUTOR);
            IExecutorService watched = proxy(IExecutorService.class, (self, method, args) -> {
                Object result = invoke(method, executor, args);
                if (method.getName().equals("submitToMember")) {
                    sent.complete(((CompletionStage<?>) result).toCompletableFuture());
                }
                return result;
            });
            return proxy(HazelcastInstance.class, (self, method, args) -> method.getName().equals("getExecutorService")
                    ? watched : invoke(method, real, args));
        }

        private static <T> T proxy(Class<T> type, InvocationHandler handler) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
        }

        private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        void close() {
        }

        @Override
        String describe() {
            return "member " + member.address();
        }
    }

    private static String latch() {
        return ClusterExecutorTests.latch();
    }

    private static void await(String latch) {
        ClusterExecutorTests.await(LATCHES.get(latch));
    }
}
