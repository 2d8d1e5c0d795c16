package io.jobrun.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.config.Config;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import io.jobrun.futures.CancelledException;
import io.jobrun.futures.Future;
import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.Task;
import io.jobrun.job.TaskBody;
import io.jobrun.task.ShellRunner;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cluster executor's own promises, on members in this JVM: code by reference, lost members, limits, stops. */
class ClusterExecutorTests {
    static final Duration GUARD = Duration.ofSeconds(60);
    /** Latches tasks wait on, by id: a task runs in this JVM, on a member's pool. */
    static final Map<String, CountDownLatch> LATCHES = new ConcurrentHashMap<>();
    /** How often each setup ran, by id. */
    static final Map<String, AtomicInteger> SETUPS = new ConcurrentHashMap<>();

    static String latch() {
        String id = UUID.randomUUID().toString();
        LATCHES.put(id, new CountDownLatch(1));
        return id;
    }

    /** Waits for its latch, then answers where it ran. */
    record Blocked(String latch, String arrived) implements Task<Object> {
        @Override
        public Object call() throws InterruptedException {
            LATCHES.get(arrived).countDown();
            LATCHES.get(latch).await(60, TimeUnit.SECONDS);
            return "done";
        }
    }

    /** Counts its runs. */
    record CountingSetup(String id) implements Initializer {
        @Override
        public void initialize() {
            SETUPS.computeIfAbsent(id, ignored -> new AtomicInteger()).incrementAndGet();
        }
    }

    record ReadsSetup(String id) implements Task<Object> {
        @Override
        public Object call() {
            return SETUPS.get(id).get();
        }
    }

    @Test
    void runsCodeLoadedOncePerMemberByReference() {
        ClusterSecret secret = ClusterSecret.random();
        String id = UUID.randomUUID().toString();
        try (ClusterMember member = ClusterMember.start(MemberOptions.loopback(4, "code-" + id), secret)) {
            ClusterExecutor executor = ClusterExecutor.onMember(member, secret,
                    ClusterExecutor.Options.of(4).setup(new CountingSetup(id)));
            List<Future<Object>> results = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(executor.submit(new ReadsSetup(id)));
            }
            executor.shutdown();
            for (Future<Object> result : results) {
                assertEquals(1, result.result(GUARD), "each task sees the code loaded, and loaded once");
            }
            Map<Object, Object> code = member.instance().getMap(MemberRuntime.CODE_MAP);
            assertEquals(1, code.size());
            String key = (String) code.keySet().iterator().next();
            assertEquals(CodeKeys.of((byte[]) code.get(key)), key, "the code is stored under its SHA-256");
        }
    }

    /**
     * Hazelcast hands a joining member submissions before {@code newHazelcastInstance} returns there: a member whose
     * start is held at that point (its STARTED event) must run them, code and all, and not fail them.
     */
    @Test
    void aMemberRunsTasksThatReachItBeforeItsStartReturns() throws Exception {
        ClusterSecret secret = ClusterSecret.random();
        String id = UUID.randomUUID().toString();
        String cluster = "early-" + id;
        try (ClusterMember busy = ClusterMember.start(MemberOptions.loopback(1, cluster), secret)) {
            ClusterExecutor executor = ClusterExecutor.onMember(busy, secret,
                    ClusterExecutor.Options.of(4).setup(new CountingSetup(id)));
            String arrived = latch();
            String release = latch();
            Future<Object> blocked = executor.submit(new Blocked(release, arrived)); // takes busy's only slot
            await(LATCHES.get(arrived));

            MemberRuntime runtime = new MemberRuntime(secret, 1);
            Config config = ClusterConfigs.member(new MemberOptions("127.0.0.1", 0, false, List.of(busy.address()),
                    1, cluster), runtime);
            CountDownLatch startMayReturn = new CountDownLatch(1);
            config.addListenerConfig(new ListenerConfig((LifecycleListener) event -> {
                if (event.getState() == LifecycleEvent.LifecycleState.STARTED) {
                    await(startMayReturn);
                }
            }));
            CompletableFuture<HazelcastInstance> joining = CompletableFuture.supplyAsync(
                    () -> Hazelcast.newHazelcastInstance(config));
            try {
                awaitMembers(executor, 2);
                List<String> members = new CopyOnWriteArrayList<>();
                Future<Object> early = executor.submit(new ReadsSetup(id), null, OnLoss.RESUBMIT,
                        (attempt, member, left) -> members.add(member));
                assertEquals(2, early.result(GUARD), "the code is loaded on the joining member as on the first");
                assertFalse(joining.isDone(), "the joining member's start has not returned");
                assertEquals(1, members.size());
                assertFalse(members.contains(busy.address()), "it ran on the joining member: " + members);
            } finally {
                startMayReturn.countDown();
                runtime.close();
                joining.get(GUARD.toSeconds(), TimeUnit.SECONDS).getLifecycleService().terminate();
                LATCHES.get(release).countDown();
                blocked.result(GUARD);
                executor.shutdown();
            }
        }
    }

    @Test
    void attemptLostWithItsMemberRunsAgainOnAnotherAndIsReported() {
        ClusterSecret secret = ClusterSecret.random();
        String cluster = "lost-" + UUID.randomUUID();
        try (ClusterMember stays = ClusterMember.start(MemberOptions.loopback(1, cluster), secret);
             ClusterMember leaves = ClusterMember.start(new MemberOptions("127.0.0.1", 0, false,
                     List.of(stays.address()), 4, cluster), secret)) {
            ClusterExecutor executor = ClusterExecutor.onMember(stays, secret, ClusterExecutor.Options.of(4));
            awaitMembers(executor, 2);
            String arrived = latch();
            String release = latch();
            List<String> reports = new CopyOnWriteArrayList<>();
            // NOTE: the member with more free slots gets the task: the one that leaves
            Future<Object> future = executor.submit(new Blocked(release, arrived), null, OnLoss.RESUBMIT,
                    (attempt, member, left) -> reports.add("attempt " + attempt + " on " + member
                            + (left == null ? "" : " after " + left + " left")));
            await(LATCHES.get(arrived));
            String leftAddress = leaves.address();
            leaves.close();
            LATCHES.get(release).countDown(); // NOTE: in one JVM the terminated member's thread runs on: let it end
            assertEquals("done", future.result(GUARD));
            assertEquals(List.of("attempt 1 on " + leftAddress, "attempt 2 on " + stays.address() + " after "
                    + leftAddress + " left"), reports);
            executor.shutdown();
        }
    }

    @Test
    void taskThatMustRunOnceFailsWhenItsMemberLeaves() {
        ClusterSecret secret = ClusterSecret.random();
        String cluster = "once-" + UUID.randomUUID();
        try (ClusterMember stays = ClusterMember.start(MemberOptions.loopback(1, cluster), secret);
             ClusterMember leaves = ClusterMember.start(new MemberOptions("127.0.0.1", 0, false,
                     List.of(stays.address()), 4, cluster), secret)) {
            ClusterExecutor executor = ClusterExecutor.onMember(stays, secret, ClusterExecutor.Options.of(4));
            awaitMembers(executor, 2);
            String arrived = latch();
            String release = latch();
            Future<Object> future = executor.submit(new Blocked(release, arrived), null, OnLoss.FAIL,
                    Dispatches.NONE);
            await(LATCHES.get(arrived));
            String leftAddress = leaves.address();
            leaves.close();
            LATCHES.get(release).countDown();
            ClusterException error = assertInstanceOf(ClusterException.class, future.exception(GUARD));
            assertEquals("member " + leftAddress + " left while the task ran; it was not run again, as it must run "
                    + "at most once", error.getMessage());
            executor.shutdown();
        }
    }

    @Test
    void tasksFailAfterTheMemberWaitWhenNoMemberIsThere() throws IOException {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }
        ClusterExecutor executor = ClusterExecutor.connect(List.of("127.0.0.1:" + nobody), ClusterSecret.random(),
                ClusterExecutor.Options.of(2).memberWait(Duration.ofMillis(500)));
        Future<Object> future = executor.submit(() -> "never");
        ClusterException error = assertInstanceOf(ClusterException.class, future.exception(GUARD));
        assertEquals("no cluster member for 500ms (the cluster at 127.0.0.1:" + nobody + "); the task did not run",
                error.getMessage());
        executor.shutdown();
    }

    /** A client refuses every call until it is connected; the executor sends nothing before. */
    @Test
    void tasksSubmittedWhileTheClientConnectsRunOnceItIs() {
        ClusterSecret secret = ClusterSecret.random();
        // NOTE: the name runners use; on a port of its own, no other cluster meets it
        try (ClusterMember member = ClusterMember.start(MemberOptions.loopback(2, "jobrun"), secret)) {
            ClusterExecutor executor = ClusterExecutor.connect(List.of(member.address()), secret,
                    ClusterExecutor.Options.of(2));
            List<Future<Object>> results = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                results.add(executor.submit(() -> n * n));
            }
            for (int i = 0; i < 10; i++) {
                assertEquals(i * i, results.get(i).result(GUARD));
            }
            executor.shutdown();
        }
    }

    @Test
    void anExecutorShutDownBeforeItsClientConnectsLeavesNoClientBehind() throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }
        int before = HazelcastClient.getAllHazelcastClients().size();
        ClusterExecutor executor = ClusterExecutor.connect(List.of("127.0.0.1:" + nobody), ClusterSecret.random(),
                ClusterExecutor.Options.of(2));
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (HazelcastClient.getAllHazelcastClients().size() == before) {
            assertTrue(System.nanoTime() < deadline, "the client never started");
            Thread.sleep(10); // it starts in the background and then waits for a connection that never comes
        }
        executor.shutdown();
        while (HazelcastClient.getAllHazelcastClients().size() > before) {
            assertTrue(System.nanoTime() < deadline, "the client still runs");
            Thread.sleep(10);
        }
    }

    @Test
    void timeLimitKillsTheShellTreeOnTheMember() throws Exception {
        ClusterSecret secret = ClusterSecret.random();
        try (ClusterMember member = ClusterMember.start(MemberOptions.loopback(2, "limit-" + UUID.randomUUID()),
                secret)) {
            ClusterExecutor executor = ClusterExecutor.onMember(member, secret, ClusterExecutor.Options.of(2));
            String marker = uniqueSleep();
            Future<Object> future = executor.submit(shell("sleep " + marker + "; true"), Duration.ofMillis(300));
            FutureTimeoutException error = assertInstanceOf(FutureTimeoutException.class, future.exception(GUARD));
            assertEquals("task exceeded its time limit of 300ms", error.getMessage());
            assertProcessesGone(marker);
            executor.shutdown();
        }
    }

    @Test
    void stopRunningInterruptsTheTaskOnItsMemberAndKillsItsShellTree() throws Exception {
        ClusterSecret secret = ClusterSecret.random();
        try (ClusterMember member = ClusterMember.start(MemberOptions.loopback(2, "stop-" + UUID.randomUUID()),
                secret)) {
            ClusterExecutor executor = ClusterExecutor.onMember(member, secret, ClusterExecutor.Options.of(1));
            String marker = uniqueSleep();
            Future<Object> running = executor.submit(shell("sleep " + marker + "; true"));
            Future<Object> queued = executor.submit(() -> "never");
            awaitProcess(marker);
            executor.stopRunning();
            assertInstanceOf(CancelledException.class, running.exception(GUARD));
            assertTrue(queued.cancelled());
            assertProcessesGone(marker);
        }
    }

    @Test
    void stopRunningKillsTheWorkerJvmOfATaskInTheMembersProcessesAndTheNextTaskGetsAFreshOne() throws Exception {
        ClusterSecret secret = ClusterSecret.random();
        try (ClusterMember member = ClusterMember.start(MemberOptions.loopback(1, "jvm-" + UUID.randomUUID()),
                secret)) {
            ClusterExecutor executor = ClusterExecutor.onMember(member, secret, ClusterExecutor.Options.of(1));
            String marker = uniqueSleep();
            Future<Object> running = executor.submit(shell("sleep " + marker + "; true"), null, OnLoss.RESUBMIT,
                    MemberPool.PROCESSES, Dispatches.NONE);
            long worker = awaitJvmRunning(marker).pid();
            assertTrue(ProcessHandle.current().pid() != worker, "the shell's parent is a worker JVM");
            executor.stopRunning();
            assertInstanceOf(CancelledException.class, running.exception(GUARD));
            assertProcessesGone(marker);
            ClusterExecutor next = ClusterExecutor.onMember(member, secret, ClusterExecutor.Options.of(1));
            Future<Long> pid = next.submit(() -> ProcessHandle.current().pid(), null, OnLoss.RESUBMIT,
                    MemberPool.PROCESSES, Dispatches.NONE);
            long fresh = pid.result(GUARD);
            assertTrue(fresh != worker && fresh != ProcessHandle.current().pid(), "a new worker JVM: " + fresh);
            next.shutdown();
        }
    }

    @Test
    void embeddedDefaultStartsAPrivateMemberAndStopsItAtShutdown() {
        int before = Hazelcast.getAllHazelcastInstances().size();
        ClusterExecutor executor = ClusterExecutor.embedded(ClusterExecutor.Options.of(2));
        assertEquals(42, executor.submit(() -> 6 * 7).result(GUARD));
        List<String> members = executor.memberAddresses();
        assertEquals(1, members.size());
        assertTrue(members.get(0).startsWith("127.0.0.1:"), members.toString());
        executor.shutdown();
        assertEquals(before, Hazelcast.getAllHazelcastInstances().size(), "its member is gone");
        assertFalse(members.get(0).endsWith(":" + MemberOptions.DEFAULT_PORT), "an ephemeral port, not 5701");
    }

    record Shell(String command) implements Task<Object> {
        @Override
        public Object call() throws Exception {
            return ShellRunner.run(new TaskBody.Shell(command, Map.of(), null)).stdout();
        }
    }

    private static Task<Object> shell(String command) {
        return new Shell(command);
    }

    static void awaitMembers(ClusterExecutor executor, int count) {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (executor.memberAddresses().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the executor never saw " + count + " members");
            }
            Thread.onSpinWait();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(GUARD.toSeconds(), TimeUnit.SECONDS), "a task never arrived");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A sleep of about 300 s whose argument no other process has: it marks the shell and the sleep alike. */
    static String uniqueSleep() {
        return "300." + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L);
    }

    static List<ProcessHandle> processesWith(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker)).toList();
    }

    static void awaitProcess(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (processesWith(marker).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the shell task never started");
            Thread.sleep(10);
        }
    }

    /**
     * The JVM whose task started the sleep bearing this marker. The task's first process is {@code setsid}, which
     * execs the shell only once released, so the sleep itself is awaited and its ancestors walked up to a java.
     */
    static ProcessHandle awaitJvmRunning(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (true) {
            Optional<ProcessHandle> sleep = processesWith(marker).stream()
                    .filter(p -> p.info().command().orElse("").endsWith("/sleep")).findFirst();
            Optional<ProcessHandle> jvm = sleep.flatMap(ClusterExecutorTests::javaAncestor);
            if (jvm.isPresent()) {
                return jvm.get();
            }
            assertTrue(System.nanoTime() < deadline, "the shell task's sleep never started under a JVM");
            Thread.sleep(10);
        }
    }

    private static Optional<ProcessHandle> javaAncestor(ProcessHandle process) {
        for (Optional<ProcessHandle> up = process.parent(); up.isPresent(); up = up.get().parent()) {
            if (up.get().info().command().orElse("").endsWith("/java")) {
                return up;
            }
        }
        return Optional.empty();
    }

    /** SIGKILL cannot be ignored, but a killed process stays listed until it is reaped: wait for that. */
    static void assertProcessesGone(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (!processesWith(marker).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "left behind: " + processesWith(marker));
            Thread.sleep(10);
        }
    }
}
