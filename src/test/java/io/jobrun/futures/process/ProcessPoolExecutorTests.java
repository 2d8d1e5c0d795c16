package io.jobrun.futures.process;

import static io.jobrun.futures.process.ProcessFiles.awaitFile;
import static io.jobrun.futures.process.ProcessFiles.awaitGone;
import static io.jobrun.futures.process.ProcessFiles.blockUntilExists;
import static io.jobrun.futures.process.ProcessFiles.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.futures.Future;
import io.jobrun.futures.Task;
import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.futures.MapOptions;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What only a pool of worker JVMs does: crossing the process boundary, surviving worker deaths, killing process
 * trees, recycling workers. Stateless tests share one pool; the rest make their own.
 */
class ProcessPoolExecutorTests {
    private static final Queue<String> OUTPUT = new ConcurrentLinkedQueue<>();
    private static ProcessPoolExecutor shared;
    private final Path dir = ProcessFiles.tempDirectory();

    /** Not serializable: a task that captures it, or returns it, cannot cross. */
    static final class Unsendable {
    }

    /** Serializable in name only: its field is not. */
    static final class UnsendableException extends RuntimeException {
        private final transient Object ok = new Object();
        private final Object notOk = new Object();

        UnsendableException(String message) {
            super(message);
        }
    }

    @BeforeAll
    static void startSharedPool() {
        shared = new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(2)
                .output((pid, line) -> OUTPUT.add(pid + ": " + line)));
    }

    @AfterAll
    static void stopSharedPool() {
        shared.shutdown();
    }

    private static ProcessPoolExecutor pool(int maxWorkers) {
        return new ProcessPoolExecutor(maxWorkers);
    }

    private static long workerPid() {
        return ProcessHandle.current().pid();
    }

    // ---------------------------------------------------------------- crossing the boundary

    @Test
    void taskExceptionKeepsItsTypeMessageAndRemoteStackTrace() {
        Future<Object> future = shared.submit(() -> failDeep("bad input"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, future::result);
        assertEquals("bad input", error.getMessage());
        assertTrue(Arrays.stream(error.getStackTrace()).anyMatch(e -> e.getMethodName().equals("failDeep")),
                "the remote stack trace names the failing method");
    }

    private static Object failDeep(String message) {
        throw new IllegalArgumentException(message);
    }

    /** Reports three values from the worker, one from a thread of its own, then answers how many were sent. */
    static final class Reports implements Task<Object>, TaskProgress.Listener {
        private final transient List<Object> heard = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Object call() throws InterruptedException {
            int sent = TaskProgress.report("first") ? 1 : 0;
            boolean[] fromThread = new boolean[1];
            Thread thread = new Thread(() -> fromThread[0] = TaskProgress.report(2));
            thread.start();
            thread.join();
            sent += fromThread[0] ? 1 : 0;
            sent += TaskProgress.report(List.of("third")) ? 1 : 0;
            return sent;
        }

        @Override
        public void progress(Object value) {
            heard.add(value);
        }
    }

    @Test
    void progressReportedInTheWorkerReachesTheSubmittedTaskInOrderBeforeItsResult() {
        Reports task = new Reports();
        Future<Object> future = shared.submit(task);
        assertEquals(3, future.result());
        assertEquals(List.of("first", 2, List.of("third")), task.heard, "all heard, in order, before the result");
        assertFalse(TaskProgress.report("here"), "outside a worker nothing is sent");
        assertFalse(TaskProgress.available());
    }

    @Test
    void exceptionThatCannotBeSerializedArrivesAsRemoteTaskException() {
        Future<Object> future = shared.submit(() -> {
            throw new UnsendableException("no way back");
        });
        RemoteTaskException error = assertThrows(RemoteTaskException.class, future::result);
        assertEquals(UnsendableException.class.getName(), error.remoteType());
        assertTrue(error.getMessage().endsWith("no way back"), error.getMessage());
        assertTrue(error.getStackTrace().length > 0, "the remote stack trace is kept");
    }

    @Test
    void hashMapsAndImmutableAndUnmodifiableCollectionsCrossBothWays() {
        java.util.Map<String, Object> argument = new java.util.LinkedHashMap<>(java.util.Map.of("env", java.util.Map.of(
                "A", "1", "B", "2"), "items", List.of(1, 2, 3), "view", java.util.Collections.unmodifiableList(
                new ArrayList<>(List.of("a")))));
        Future<Object> future = shared.submit(() -> new java.util.HashMap<>(java.util.Map.of("back", argument,
                "set", java.util.Set.of("x"))));
        assertEquals(java.util.Map.of("back", argument, "set", java.util.Set.of("x")), future.result());
    }

    @Test
    void unsendableArgumentFailsOnlyItsOwnFutureNamingTheClass() {
        Unsendable argument = new Unsendable();
        Future<String> future = shared.submit(() -> argument.toString());
        TaskSerializationException error = assertInstanceOf(TaskSerializationException.class, future.exception());
        assertTrue(error.getMessage().contains(Unsendable.class.getName()), error.getMessage());
        assertEquals(5, shared.submit(() -> 5).result());
    }

    @Test
    void taskThatCannotBeDeserializedInTheWorkerFailsWithTaskSerializationException() {
        RefusesToBeRead value = new RefusesToBeRead();
        Future<String> future = shared.submit(() -> value.toString());
        TaskSerializationException error = assertInstanceOf(TaskSerializationException.class, future.exception());
        assertTrue(error.getMessage().startsWith("the task could not be deserialized in the worker"),
                error.getMessage());
        assertInstanceOf(java.io.InvalidObjectException.class, error.getCause());
        assertEquals(5, shared.submit(() -> 5).result(), "the pool stays usable");
    }

    @Test
    void mapItemThatCannotBeDeserializedInTheWorkerFailsOnlyItsOwnResult() {
        var results = shared.map((Object x) -> x.getClass().getSimpleName(), List.of(1, new RefusesToBeRead(), "s"),
                MapOptions.defaults().chunksize(3));
        assertEquals("Integer", results.next());
        TaskSerializationException error = assertThrows(TaskSerializationException.class, results::next);
        assertTrue(error.getMessage().startsWith("map item 1 of the chunk could not be deserialized in the worker"),
                error.getMessage());
        assertEquals("String", results.next());
    }

    /** Serializes, but refuses to be read back: CPython's test_deadlock "error at task unpickle". */
    static final class RefusesToBeRead implements java.io.Serializable {
        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException {
            throw new java.io.InvalidObjectException("refusing to be read");
        }
    }

    @Test
    void unsendableResultFailsOnlyItsOwnFutureNamingTheClass() {
        Future<Object> future = shared.submit(() -> new Unsendable());
        TaskSerializationException error = assertInstanceOf(TaskSerializationException.class, future.exception());
        assertTrue(error.getMessage().contains(Unsendable.class.getName()), error.getMessage());
        assertEquals(6, shared.submit(() -> 6).result());
    }

    @Test
    void oneFailingItemFailsOnlyItsOwnResultInsideAChunk() {
        List<Object> results = new ArrayList<>();
        var iterator = shared.map((Integer x) -> 10 / (x - 2), List.of(0, 1, 2, 3, 4),
                MapOptions.defaults().chunksize(5));
        while (iterator.hasNext()) {
            try {
                results.add(iterator.next());
            } catch (ArithmeticException e) {
                results.add("failed");
            }
        }
        assertEquals(List.of(-5, -10, "failed", 10, 5), results);
    }

    @Test
    void collectionsComeBackAcrossTheBoundary() {
        // ArrayList and HashMap check an Object[] while reading; that array must not be refused by the filter.
        Future<Object> future = shared.submit(() -> {
            java.util.Map<String, Object> map = new java.util.HashMap<>();
            map.put("a", new ArrayList<>(List.of(2)));
            return new ArrayList<>(List.of(1, map));
        });
        assertEquals(List.of(1, java.util.Map.of("a", List.of(2))), future.result());
    }

    @Test
    void chunksizeBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().chunksize(0));
    }

    @Test
    void whateverATaskPrintsGoesToTheLogAndNeverCorruptsTheProtocol() throws Exception {
        Future<Integer> future = shared.submit(() -> {
            System.out.println("noise via System.out");
            FileOutputStream fd1 = new FileOutputStream(FileDescriptor.out);
            fd1.write("noise via fd 1\n".getBytes());
            fd1.flush();
            new ProcessBuilder("sh", "-c", "echo noise from a child").inheritIO().start().waitFor();
            return 7;
        });
        assertEquals(7, future.result());
        for (String noise : List.of("noise via System.out", "noise via fd 1", "noise from a child")) {
            ProcessFiles.until(() -> OUTPUT.stream().anyMatch(line -> line.endsWith(": " + noise)), noise);
        }
        assertEquals(8, shared.submit(() -> 8).result());
    }

    // ---------------------------------------------------------------- workers dying

    @Test
    void workerKilledMidTaskFailsOnlyItsFutureAndThePoolGoesOn() {
        try (ProcessPoolExecutor pool = pool(2)) {
            String pidFile = dir.resolve("pid").toString();
            Future<Object> doomed = pool.submit(() -> {
                publish(pidFile, String.valueOf(workerPid()));
                blockUntilExists(pidFile + ".never");
                return null;
            });
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int value = i;
                others.add(pool.submit(() -> value * value));
            }
            long pid = Long.parseLong(awaitFile(Path.of(pidFile)));
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            BrokenProcessPoolException error = assertInstanceOf(BrokenProcessPoolException.class, doomed.exception());
            assertTrue(error.getMessage().contains("worker " + pid + " died with signal 9 (SIGKILL) while running "
                    + "this task"), error.getMessage());
            for (int i = 0; i < others.size(); i++) {
                assertEquals(i * i, others.get(i).result());
            }
            assertEquals(9, pool.submit(() -> 9).result());
        }
    }

    @Test
    void systemExitInATaskFailsOnlyThatTask() {
        try (ProcessPoolExecutor pool = pool(1)) {
            Future<Object> exiting = pool.submit(() -> {
                System.exit(3);
                return null;
            });
            BrokenProcessPoolException error = assertInstanceOf(BrokenProcessPoolException.class, exiting.exception());
            assertTrue(error.getMessage().contains("exited with code 3 while running this task"), error.getMessage());
            assertEquals(4, pool.submit(() -> 4).result());
        }
    }

    /**
     * CPython 3.14's terminate_workers() and kill_workers(): running tasks stop, queued ones are cancelled, new work
     * is refused. SIGTERM lets the worker JVM run its shutdown hooks; SIGKILL does not.
     */
    @ParameterizedTest
    @ValueSource(strings = {"terminate", "kill"})
    void stoppingTheWorkersStopsRunningTasksCancelsQueuedOnesAndRefusesNewWork(String how) {
        ProcessPoolExecutor pool = pool(1);
        String pidFile = dir.resolve("pid").toString();
        String hookFile = dir.resolve("hook-ran").toString();
        Future<Object> running = pool.submit(() -> spinWithAShutdownHook(pidFile, hookFile));
        Future<Integer> queued = pool.submit(() -> 2);
        long worker = Long.parseLong(awaitFile(Path.of(pidFile)).strip());
        boolean terminate = how.equals("terminate");
        if (terminate) {
            pool.terminateWorkers();
        } else {
            pool.killWorkers();
        }
        BrokenProcessPoolException error = assertInstanceOf(BrokenProcessPoolException.class, running.exception());
        String signal = terminate ? "signal 15 (SIGTERM)" : "signal 9 (SIGKILL)";
        assertTrue(error.getMessage().contains("worker " + worker + " died with " + signal + " while running "
                + "this task"), error.getMessage());
        assertTrue(queued.cancelled());
        awaitGone(worker);
        assertEquals(terminate, Files.exists(Path.of(hookFile)), "whether the worker's shutdown hooks ran");
        assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> pool.submit(() -> 3));
    }

    /** A task that installs a shutdown hook writing {@code hookFile}, reports its worker's pid and never ends. */
    private static Object spinWithAShutdownHook(String pidFile, String hookFile) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> publish(hookFile, "")));
        publish(pidFile, String.valueOf(workerPid()));
        while (true) {
            Thread.onSpinWait();
        }
    }

    @Test
    void terminateOrKillWorkersOfAPoolThatNeverStartedOneOnlyShutsItDown() {
        ProcessPoolExecutor terminated = pool(1);
        ProcessPoolExecutor killed = pool(1);
        terminated.terminateWorkers();
        killed.killWorkers();
        for (ProcessPoolExecutor pool : List.of(terminated, killed)) {
            assertEquals(List.of(), pool.workerPids());
            assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> pool.submit(() -> 3));
        }
    }

    @Test
    void terminateOrKillWorkersOfABrokenPoolDoesNotThrow() {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(1)
                .initializer(() -> {
                    throw new IllegalStateException("no database");
                }));
        assertInstanceOf(BrokenProcessPoolException.class, pool.submit(() -> 1).exception());
        pool.terminateWorkers();
        pool.killWorkers();
        assertThrows(BrokenProcessPoolException.class, () -> pool.submit(() -> 2));
    }

    @Test
    void workerThatDiesByItselfTakesTheProcessesItStartedWithItThoseThatLeftItsSessionToo() {
        try (ProcessPoolExecutor pool = pool(1)) {
            String pidFile = dir.resolve("orphans").toString();
            Future<Object> exiting = pool.submit(() -> {
                publish(pidFile, ProcessFiles.startSleeper() + " " + ProcessFiles.startEscapee());
                System.exit(5);
                return null;
            });
            assertInstanceOf(BrokenProcessPoolException.class, exiting.exception());
            for (String pid : awaitFile(Path.of(pidFile)).split(" ")) {
                awaitGone(Long.parseLong(pid));
            }
            assertEquals(4, pool.submit(() -> 4).result());
        }
    }

    @Test
    void timeLimitKillsTheWorkerWithTheProcessesItStartedThoseThatLeftItsSessionTooAndAFreshWorkerTakesOver() {
        try (ProcessPoolExecutor pool = pool(1)) {
            // Started by an earlier task on the same worker, so the limit below cannot pass before they exist.
            String[] pids = pool.submit(() -> workerPid() + " " + ProcessFiles.startSleeper() + " "
                    + ProcessFiles.startEscapee()).result().split(" ");
            Future<Object> spinning = pool.submit(() -> {
                while (true) {
                    Thread.onSpinWait();
                }
            }, Duration.ofSeconds(1));
            FutureTimeoutException error = assertInstanceOf(FutureTimeoutException.class, spinning.exception());
            assertEquals("task exceeded its time limit of 1s", error.getMessage());
            for (String pid : pids) {
                awaitGone(Long.parseLong(pid));
            }
            long replacement = pool.submit(ProcessPoolExecutorTests::workerPid).result();
            assertNotEquals(Long.parseLong(pids[0]), replacement);
        }
    }

    // ---------------------------------------------------------------- worker lifecycle

    @Test
    void idleWorkerIsReusedBeforeANewOneStarts() {
        try (ProcessPoolExecutor pool = pool(2)) {
            long first = pool.submit(ProcessPoolExecutorTests::workerPid).result();
            assertEquals(first, pool.submit(ProcessPoolExecutorTests::workerPid).result());
            assertEquals(first, pool.submit(ProcessPoolExecutorTests::workerPid).result());
            assertEquals(List.of(first), pool.workerPids());
        }
    }

    @Test
    void maxTasksPerChildReplacesTheWorkerAfterThatManyTasks() {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(1)
                .maxTasksPerChild(2))) {
            long first = pool.submit(ProcessPoolExecutorTests::workerPid).result();
            long second = pool.submit(ProcessPoolExecutorTests::workerPid).result();
            long third = pool.submit(ProcessPoolExecutorTests::workerPid).result();
            assertEquals(first, second);
            assertNotEquals(first, third);
            awaitGone(first);
        }
    }

    @Test
    void initializerRunsOnceInEachWorkerBeforeItsTasks() {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(1)
                .initializer(() -> System.setProperty("init.count",
                        String.valueOf(Integer.getInteger("init.count", 0) + 1))))) {
            assertEquals("1", pool.submit(() -> System.getProperty("init.count")).result());
            assertEquals("1", pool.submit(() -> System.getProperty("init.count")).result());
        }
    }

    @Test
    void failingInitializerBreaksThePoolWithAClearMessage() {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(1)
                .initializer(() -> {
                    throw new IllegalStateException("no database");
                }));
        try {
            Future<Integer> future = pool.submit(() -> 1);
            BrokenProcessPoolException error = assertInstanceOf(BrokenProcessPoolException.class, future.exception());
            assertTrue(error.getMessage().contains("initializer failed"), error.getMessage());
            assertTrue(error.getMessage().contains("no database"), error.getMessage());
            assertThrows(BrokenProcessPoolException.class, () -> pool.submit(() -> 2));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void cancelSucceedsUntilAWorkerHasReallyStartedTheTask() {
        try (ProcessPoolExecutor pool = pool(1)) {
            String started = dir.resolve("started").toString();
            String release = dir.resolve("release").toString();
            Future<Integer> running = pool.submit(() -> {
                publish(started, "");
                blockUntilExists(release);
                return 1;
            });
            Future<Integer> queued = pool.submit(() -> 2);
            awaitFile(Path.of(started));
            assertTrue(queued.cancel());
            assertFalse(running.cancel());
            assertTrue(running.running());
            publish(release, "");
            assertEquals(1, running.result());
        }
    }

    @Test
    void aSaturatedPoolStartsExactlyMaxWorkersWorkers() {
        try (ProcessPoolExecutor pool = pool(2)) {
            String release = dir.resolve("release").toString();
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 15 * 2; i++) {
                String arrived = dir.resolve("arrived-" + i).toString();
                futures.add(pool.submit(() -> {
                    publish(arrived, "");
                    blockUntilExists(release);
                    return 1;
                }));
            }
            ProcessFiles.until(() -> arrivals() == 2, "two tasks to be running");
            assertEquals(2, pool.workerPids().size());
            publish(release, "");
            for (Future<Integer> future : futures) {
                assertEquals(1, future.result());
            }
        }
    }

    private long arrivals() {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("arrived-\\d+")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void oneTaskPerChildOnThreeWorkersGivesEveryResultThroughShutdown() {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(3)
                .maxTasksPerChild(1));
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int value = i;
            futures.add(pool.submit(() -> value * 10));
        }
        pool.shutdown();
        for (int i = 0; i < 6; i++) {
            assertEquals(i * 10, futures.get(i).result(Duration.ZERO));
        }
    }

    @Test
    void oneTaskPerChildWithAFailingTaskAndShutdownWithoutWaitNeitherThrowsNorHangs() {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(1)
                .maxTasksPerChild(1));
        Future<Object> failing = pool.submit(() -> {
            throw new IllegalStateException("failed on purpose");
        });
        pool.shutdown(false, false);
        assertEquals("failed on purpose", failing.exception().getMessage());
        ProcessFiles.until(() -> pool.workerPids().isEmpty(), "the worker to retire");
    }

    @Test
    void maxTasksPerChildBelowOneIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ProcessPoolExecutor.options().maxTasksPerChild(0));
        assertEquals("maxTasksPerChild must be null or >= 1, got 0", error.getMessage());
    }

    @Test
    void defaultPoolHasOneWorkerPerProcessorAndStartsNoneUntilNeeded() {
        ProcessPoolExecutor pool = new ProcessPoolExecutor();
        try {
            assertEquals(Runtime.getRuntime().availableProcessors(), pool.maxWorkers());
            assertEquals(List.of(), pool.workerPids());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void callbackAddedBeforeCompletionRunsOnTheThreadThatReadsTheWorkersResults() {
        try (ProcessPoolExecutor pool = pool(1)) {
            String release = dir.resolve("release").toString();
            Future<Integer> future = pool.submit(() -> {
                blockUntilExists(release);
                return 1;
            });
            CompletableFuture<String> callbackThread = new CompletableFuture<>();
            future.addDoneCallback(f -> callbackThread.complete(Thread.currentThread().getName()));
            publish(release, "");
            assertTrue(callbackThread.join().matches("jobrun-worker-\\d+-reader"), callbackThread.join());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 40, 50})
    void mapGivesTheSameResultsWhateverTheChunksize(int chunksize) {
        List<Integer> items = IntStream.range(0, 40).boxed().toList();
        List<Integer> results = new ArrayList<>();
        shared.map((Integer x) -> x * x, items, MapOptions.defaults().chunksize(chunksize)).forEachRemaining(results::add);
        assertEquals(items.stream().map(x -> x * x).toList(), results);
    }

    @Test
    void mapBuffersizeCountsChunksInAProcessPool() {
        AtomicInteger consumed = new AtomicInteger();
        Iterable<Integer> counted = () -> Stream.iterate(0, i -> i + 1)
                .peek(i -> consumed.incrementAndGet()).iterator();
        try (var results = shared.map((Integer x) -> x, counted, MapOptions.defaults().chunksize(3).buffersize(2))) {
            assertEquals(6, consumed.get(), "two chunks of three were read before any result was asked for");
            assertEquals(0, results.next());
        }
    }

    // ---------------------------------------------------------------- no orphans

    @Test
    void shutdownLeavesNoWorkerAndNoGrandchildNotEvenOneThatLeftItsSession() {
        ProcessPoolExecutor pool = pool(2);
        String pids = pool.submit(() -> workerPid() + " " + ProcessFiles.startSleeper() + " "
                + ProcessFiles.startEscapee()).result();
        pool.shutdown();
        for (String pid : pids.split(" ")) {
            awaitGone(Long.parseLong(pid));
        }
    }

    @Test
    void workersAndTheirChildrenEvenThoseThatLeftTheirSessionExitWhenTheParentIsKilled() throws IOException {
        Path report = dir.resolve("report");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrphanProbe.class.getName(), report.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        try {
            String[] pids = awaitFile(report).split(" ");
            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs
            for (String pid : pids) {
                awaitGone(Long.parseLong(pid));
            }
        } finally {
            parent.destroyForcibly();
        }
        assertFalse(Files.exists(report.resolveSibling("report.never")));
    }
}
