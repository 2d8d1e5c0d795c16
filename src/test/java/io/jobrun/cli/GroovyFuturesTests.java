package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The futures API inside Groovy task code, as a user coming from Python's {@code concurrent.futures} writes it.
 * Each task returns what it saw; a job callback prints it for the test to read.
 */
@Timeout(120)
class GroovyFuturesTests {
    @TempDir
    Path dir;

    /** Runs {@code tasks}, printing each task's result as "name: result" after the run. */
    private CliRun run(String tasks) throws IOException {
        return CliRun.ofFile(dir, "futures.groovy", tasks + """
                always { run -> run.tasks.each { t -> println "${t.name}: ${t.status} ${t.result}" } }
                """);
    }


    /** {@code def io = executor 'io', threads(2)} keeps the named pool, and tasks submit to it: rows on 'io'. */
    @Test
    void aDeclaredExecutorIsGivenBackForTasksToSubmitTo() throws IOException {
        CliRun run = run("""
                def io = executor 'io', threads(2)
                task 'fetch', {
                    def futures = [1, 2, 3].collect { n -> io.submit { n * 10 } }
                    futures.collect { it.result() }.sum()
                }
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        run.assertPrinted("fetch: ok 60");
        assertTrue(run.stdout().lines().filter(line -> line.matches("\\S*\\s+fetch/io-\\d\\s+io\\s+ok\\s.*")).count()
                == 3, run.stdout());
    }

    /** Python's {@code wait(fs, return_when=FIRST_COMPLETED)} as a named option, returnWhen, beside timeout. */
    @Test
    void waitTakesReturnWhenAsANamedOptionAsPythonsKeyword() throws IOException {
        CliRun run = run("""
                task 'named', {
                    def pool = threads(2)
                    def gate = new java.util.concurrent.CountDownLatch(1)
                    def quick = pool.submit { 1 }
                    def slow = pool.submit { gate.await(); 2 }
                    def first = wait([quick, slow], returnWhen: FIRST_COMPLETED)
                    def named = wait([quick, slow], timeout: 60, returnWhen: 'first_completed')
                    gate.countDown()
                    def all = wait([quick, slow], timeout: 60)
                    [first.done == [quick] as Set, named.notDone == [slow] as Set, all.notDone.isEmpty()].join(' ')
                }
                task 'twice', {
                    def pool = threads(1)
                    wait([pool.submit { 1 }], FIRST_COMPLETED, returnWhen: ALL_COMPLETED)
                }
                """);
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        run.assertPrinted("named: ok true true true");
        assertTrue(run.stdout().contains("wait is given returnWhen twice"), run.stdout());
        CliRun python = run("""
                task 'python', { wait([threads(1).submit { 1 }], return_when: FIRST_COMPLETED) }
                """);
        assertTrue(python.stderr().contains("unknown wait option 'return_when' (did you mean 'returnWhen'?)"),
                python.stderr());
    }

    /** A task that takes the result of work that threw a checked exception fails with that exception, unwrapped. */
    @Test
    void aCheckedExceptionOfSubmittedWorkFailsTheTaskAsItselfNotWrapped() throws IOException {
        CliRun run = run("""
                task 'checked', {
                    def pool = threads(1)
                    pool.submit { throw new IOException('disk full') }.result()
                }
                """);
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        run.assertPrinted("checked: failed null");
        assertTrue(run.stdout().contains("error: IOException: disk full"), run.stdout());
        assertTrue(!run.stdout().contains("CompletionException"), run.stdout());
    }

    /** Python's {@code except OSError} around {@code f.result()}: Groovy's catch of the checked type catches it. */
    @Test
    void aCheckedExceptionOfSubmittedWorkIsCaughtByItsOwnTypeAroundResultAndMap() throws IOException {
        CliRun run = run("""
                task 'caught', {
                    def pool = threads(2)
                    def seen = []
                    def failing = pool.submit { throw new IOException('disk full') }
                    for (attempt in [{ failing.result() }, { failing.result(timeout: 30) }, { failing.result(30) },
                                     { failing.result(java.time.Duration.ofSeconds(30)) }]) {
                        try {
                            attempt()
                            seen << 'returned'
                        } catch (IOException e) {
                            seen << e.message
                        }
                    }
                    try {
                        for (r in pool.map([1, 2, 3]) { n -> if (n == 2) throw new java.sql.SQLException("item $n"); n }) {
                            seen << r
                        }
                    } catch (java.sql.SQLException e) {
                        seen << e.message
                    }
                    seen.join(', ')
                }
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        run.assertPrinted("caught: ok disk full, disk full, disk full, disk full, 1, item 2");
    }

    /** Python's {@code executor.shutdown(wait=False, cancel_futures=True)}: what has not started is cancelled. */
    @Test
    void shutdownTakesWaitAndCancelFuturesAsPythonsKeywords() throws IOException {
        CliRun run = run("""
                task 'shutdowns', {
                    def pool = threads(1)
                    def gate = new java.util.concurrent.CountDownLatch(1)
                    def started = new java.util.concurrent.CountDownLatch(1)
                    def first = pool.submit { started.countDown(); gate.await(); 1 }
                    def second = pool.submit { 2 }
                    started.await() // NOTE: only what has not started is cancelled
                    try {
                        pool.shutdown(wait: false, cancelFutures: true)
                    } finally {
                        gate.countDown()
                    }
                    [second.cancelled(), first.result(), first.done()].join(' ')
                }
                task 'positional', {
                    def pool = threads(1)
                    def f = pool.submit { 3 }
                    pool.shutdown(false)
                    f.result()
                }
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        run.assertPrinted("shutdowns: ok true 1 true");
        run.assertPrinted("positional: ok 3");
    }

    /** Options of submit and shutdown are checked by name, and a method given other arguments says what it takes. */
    @Test
    void anUnknownSubmitOrShutdownOptionOrArgumentSaysWhatItTakes() throws IOException {
        CliRun run = run("""
                def io = executor 'io', threads(1)
                task 'python', { threads(1).shutdown(cancel_futures: true) }
                task 'text', { threads(1).shutdown('yes') }
                task 'typo', { threads(1).submit(timout: '1s') { 1 } }
                task 'theRuns', { io.shutdown(cancelFutures: true) }
                """);
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("unknown shutdown option 'cancel_futures' (did you mean 'cancelFutures'?)"),
                run.stdout());
        assertTrue(run.stdout().contains("no method 'shutdown' on ScriptExecutor for arguments (String); it takes (),"
                + " (boolean), (named options)"), run.stdout());
        assertTrue(run.stdout().contains("unknown submit option 'timout' (did you mean 'timeout'?)"), run.stdout());
        assertTrue(run.stdout().contains("executor 'io' is the run's, shut down when the run ends"), run.stdout());
    }

    /** The Python docs' {@code future_to_url} dict: asCompleted and wait take the futures as a map's keys. */
    @Test
    void asCompletedAndWaitTakeAMapWhoseKeysAreFuturesAsPythonsDict() throws IOException {
        CliRun run = run("""
                task 'dict', {
                    def pool = threads(2)
                    def futureToUrl = ['a', 'b', 'c'].collectEntries { u -> [(pool.submit { u.toUpperCase() }): u] }
                    def seen = []
                    for (f in asCompleted(futureToUrl, timeout: 30)) seen << "${futureToUrl[f]}=${f.result()}"
                    def (done, notDone) = wait(futureToUrl)
                    def first = wait(futureToUrl, timeout: 30, returnWhen: FIRST_COMPLETED)
                    seen.sort().join(',') + " ${done.size()} ${notDone.size()} ${!first.done.isEmpty()}"
                }
                task 'optionsAlone', { asCompleted(timeout: 5) }
                task 'notFutures', { def urls = [a: 1]; wait(urls) }
                """);
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        run.assertPrinted("dict: ok a=A,b=B,c=C 3 0 true");
        assertTrue(run.stdout().contains("asCompleted takes futures: a list, or a map whose keys are futures (as a"
                + " Python dict of future to item); got options (timeout) without futures"), run.stdout());
        assertTrue(run.stdout().contains("wait takes futures: a list, or a map whose keys are futures (as a Python"
                + " dict of future to item); got a map whose key 'a' is no future"), run.stdout());
    }

    /** Python's {@code executor.submit(fn, *args)} and {@code executor.map(fn, items)} with a method of the file. */
    @Test
    void submitCallsAFunctionWithArgumentsAndAMethodOfTheFileRunsInWorkerJvms() throws IOException {
        CliRun run = run("""
                def greet(name, greeting) { "${greeting}, ${name}" }
                def square(n) { n * n }
                task 'threads', {
                    def pool = threads(2)
                    [pool.submit(this.&greet, 'Ann', 'Hi').result(), pool.submit({ a, b -> a * b }, 6, 7).result(),
                     pool.submit(this.&greet, null, 'Hey').result()].join(' ')
                }
                task 'workers', {
                    def pool = processes(1)
                    [pool.submit(this.&greet, 'Bob', 'Hello').result(), pool.submit(this.&square, 9).result(),
                     pool.map(this.&square, [1, 2, 3]).toList().join('+'),
                     pool.map(this.&square, 1..4, chunksize: 2, timeout: 60).toList().sum()].join(' ')
                }
                task 'unsendable', { processes(1).submit(this.&greet, new Object(), 'x').result() }
                task 'ofAValue', { processes(1).map('abc'.&concat, ['d']).toList() }
                """);
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        run.assertPrinted("threads: ok Hi, Ann 42 Hey, null");
        run.assertPrinted("workers: ok Hello, Bob 81 1+4+9 30");
        assertTrue(run.stdout().contains("but its arguments cannot be sent (java.lang.Object does not implement"
                + " Serializable)"), run.stdout());
        assertTrue(run.stdout().contains("but a method of a value (.&concat of a String) cannot be sent; write a"
                + " closure that calls it"), run.stdout());
    }

    /** Python's {@code ThreadPoolExecutor()} inside task code; a declared executor still names its number. */
    @Test
    void aPoolMadeInATaskWithoutANumberOfWorkersHasPythonsDefault() throws IOException {
        int processors = Runtime.getRuntime().availableProcessors();
        CliRun run = run("""
                task 'defaults', {
                    def pool = threads()
                    [pool.workers, processes().workers, pool.submit { 2 }.result()].join(' ')
                }
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        run.assertPrinted("defaults: ok " + Math.min(32, processors + 4) + " " + processors + " 2");
        CliRun declared = run("""
                def io = threads()
                task 'a', { 1 }
                """);
        assertEquals(2, declared.exitCode(), declared.stdout() + declared.stderr());
        assertTrue(declared.stderr().contains("a pool made inside a task may leave it out, as Python's"
                + " ThreadPoolExecutor() does; a declared executor names it"), declared.stderr());
    }

    /** Python's {@code with ThreadPoolExecutor(2) as pool:} ends by waiting for the work; so does Groovy's try. */
    @Test
    void aPoolInTryWithResourcesWaitsForItsWorkWhereTheBlockEndsAsPythonsWith() throws IOException {
        CliRun run = run("""
                task 'with', {
                    def f
                    def g
                    try (def pool = threads(2)) {
                        f = pool.submit { sleep 50; 'late' }
                    }
                    def doneAfterTry = f.done()
                    threads(1).withCloseable { pool -> g = pool.submit { sleep 50; 'later' } }
                    [doneAfterTry, f.result(), g.done()].join(' ')
                }
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        run.assertPrinted("with: ok true late true");
    }

    @Test
    void waitDestructuresIntoDoneAndNotDoneAndReadsThemAsProperties() throws IOException {
        CliRun run = run("""
                task 'destructure', {
                    def pool = threads(2)
                    def gate = new java.util.concurrent.CountDownLatch(1)
                    def quick = pool.submit { 1 }
                    def slow = pool.submit { gate.await(); 2 }
                    def (done, notDone) = wait([quick, slow], FIRST_COMPLETED)
                    def again = wait([quick, slow], FIRST_COMPLETED)
                    def seen = [done == [quick] as Set, notDone == [slow] as Set, again.done == done,
                                again.notDone == notDone]
                    gate.countDown()
                    seen.join(' ')
                }
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        run.assertPrinted("destructure: ok true true true true");
    }

    @Test
    void resultAndExceptionTakeSecondsPositionallyOrAsATimeoutOptionOrADuration() throws IOException {
        CliRun run = run("""
                task 'timeouts', {
                    def pool = threads(1)
                    def gate = new java.util.concurrent.CountDownLatch(1)
                    def slow = pool.submit { gate.await(); 'late' }
                    def seen = []
                    for (attempt in [{ slow.result(0.05) }, { slow.result(timeout: 0.05) }, { slow.result('50ms') },
                                     { slow.exception(0.05) }, { slow.exception(timeout: 0.05) }]) {
                        try {
                            attempt()
                            seen << 'returned'
                        } catch (io.jobrun.futures.FutureTimeoutException e) {
                            seen << 'timeout'
                        }
                    }
                    gate.countDown()
                    seen << slow.result(timeout: 30) << slow.result(30) << slow.exception(timeout: null)
                    seen.join(' ')
                }
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        run.assertPrinted("timeouts: ok timeout timeout timeout timeout timeout late late null");
    }

    @Test
    void anUnknownResultOptionIsNamedWithADidYouMean() throws IOException {
        CliRun run = run("""
                task 'typo', {
                    def pool = threads(1)
                    pool.submit { 1 }.result(timout: 2)
                }
                """);
        assertEquals(1, run.exitCode());
        assertTrue(run.stdout().contains("unknown result option 'timout' (did you mean 'timeout'?)"), run.stdout());
    }

    /** A pool's map on threads makes a row per item, named by its item as a declared fan-out's items are. */
    @Test
    void eachRowOfAPoolsMapIsNamedByItsItem() throws IOException {
        CliRun run = run("""
                task 'prices', {
                    def pool = threads(2)
                    pool.map(['AAPL', 'GOOG', 'AAPL', [a: 1], 'x' * 40]) { s -> s.toString().size() }.sum()
                }
                """);
        run.assertPrinted("prices/threads-1[AAPL]: ok 4");
        run.assertPrinted("prices/threads-1[GOOG]: ok 4");
        run.assertPrinted("prices/threads-1[2]: ok 4");
        run.assertPrinted("prices/threads-1[1]: ok 5");
        run.assertPrinted("prices/threads-1[4]: ok 40");
    }

    /**
     * As Python's executor.map, the results come as the loop asks for them: those before a slow item are printed
     * before its timeout is raised, and a map whose results nobody takes raises nothing.
     */
    @Test
    void poolMapYieldsEachResultAsTheLoopReachesItAndRaisesTheTimeoutThere() throws IOException {
        CliRun run = run("""
                task 'loop', {
                    def pool = threads(4)
                    def gate = new java.util.concurrent.CountDownLatch(1)
                    def seen = []
                    try {
                        for (r in pool.map([1, 2, 3, 15, 4], timeout: 2) { n -> if (n == 15) { gate.await() }; n * 10 }) {
                            seen << r
                        }
                    } catch (FutureTimeoutException e) {
                        seen << 'timed out'
                    } finally {
                        gate.countDown()
                    }
                    seen.join(',')
                }
                task 'untaken', {
                    def pool = threads(1)
                    pool.map([1, 2]) { x -> throw new IllegalStateException('nobody asked') }
                    'no error'
                }
                """);
        run.assertPrinted("loop: ok 10,20,30,timed out");
        run.assertPrinted("untaken: ok no error");
    }

    @Test
    void poolMapTakesTimeoutAndChunksizeAsPythonsExecutorMap() throws IOException {
        CliRun run = run("""
                task 'mapped', {
                    def pool = threads(2)
                    pool.map(1..6, timeout: 5, chunksize: 100) { x -> x * 10 }.join(',')
                }
                task 'buffered', {
                    def pool = threads(2)
                    pool.map([1, 2, 3], buffersize: 1) { x -> x + 1 }.join(',')
                }
                task 'late', {
                    def pool = threads(1)
                    def gate = new java.util.concurrent.CountDownLatch(1)
                    try {
                        pool.map([1, 2, 3], timeout: 0.1) { x -> gate.await(); x }.toList()
                        'returned'
                    } catch (io.jobrun.futures.FutureTimeoutException e) {
                        'timed out'
                    } finally {
                        gate.countDown()
                    }
                }
                """);
        run.assertPrinted("mapped: ok 10,20,30,40,50,60");
        run.assertPrinted("buffered: ok 2,3,4");
        run.assertPrinted("late: ok timed out");
    }

    @Test
    void poolMapRefusesAChunksizeBelowOneAndAnUnknownOption() throws IOException {
        CliRun run = run("""
                task 'zero', { threads(1).map([1], chunksize: 0) { it } }
                task 'typo', { threads(1).map([1], chunksise: 2) { it } }
                """);
        assertEquals(1, run.exitCode());
        assertTrue(run.stdout().contains("chunksize must be >= 1, got 0"), run.stdout());
        assertTrue(run.stdout().contains("unknown map option 'chunksise' (did you mean 'chunksize'?)"),
                run.stdout());
    }

    @Test
    void aTasksStatusComparesEqualToItsLowerCaseName() throws IOException {
        CliRun run = CliRun.ofFile(dir, "status.groovy", """
                task 'fine', { 1 }
                task 'broken', optional: true, { throw new IllegalStateException('no') }
                always { run ->
                    run.tasks.each { t -> println "${t.name} ok=${t.status == 'ok'} failed=${t.status == 'failed'}" }
                }
                """);
        run.assertPrinted("fine ok=true failed=false");
        run.assertPrinted("broken ok=false failed=true");
    }

    /** A task makes a pool of worker processes, as Python's {@code with ProcessPoolExecutor(2)}, and maps over it. */
    @Test
    void aTaskCreatesAProcessesPoolAndMapsSendableClosuresOverIt() throws IOException {
        CliRun run = run("""
                int square(int x) { x * x }
                task 'in-processes', {
                    def pool = processes(2)
                    def here = ProcessHandle.current().pid()
                    def seen = pool.map(1..4, chunksize: 2) { x -> [square(x), ProcessHandle.current().pid() != here] }
                    def one = pool.submit { square(5) }.result(timeout: 60)
                    (seen.collect { it[0] } + [one]).join(',') + ' elsewhere=' + seen.every { it[1] }
                }
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        run.assertPrinted("in-processes: ok 1,4,9,16,25 elsewhere=true");
    }

    /**
     * Each chunk is one call to a worker: with a worker replaced after every call, the items of a chunk share one JVM
     * and the chunks count the JVMs, so 30 items in chunks of 10 make exactly 3 round trips, not 30.
     */
    @Test
    void aProcessesPoolMadeInATaskSendsMapItemsInChunksOneCallEach() throws IOException {
        CliRun run = run("""
                task 'chunks', {
                    def pool = processes(1, maxTasksPerChild: 1)
                    def seen = pool.map(1..30, chunksize: 10) { x -> [x, ProcessHandle.current().pid()] }
                    def calls = seen.collate(10).collect { chunk -> chunk.collect { it[1] }.unique().size() }
                    "items=${seen.collect { it[0] } == (1..30).toList()} calls=${seen.collect { it[1] }.unique().size()}" +
                            " per-chunk=${calls.join(',')}"
                }
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        run.assertPrinted("chunks: ok items=true calls=3 per-chunk=1,1,1");
    }

    /**
     * A worker reads a map's closure once, not once per item (which cost 25 us an item): its items share the closure,
     * so a list it captured grows with each item a worker calls it with, as a module's globals do in a Python worker.
     */
    @Test
    void aProcessesPoolReadsItsMapsClosureOncePerWorkerNotOncePerItem() throws IOException {
        CliRun run = run("""
                task 'once', {
                    def pool = processes(1)
                    def seen = []
                    pool.map(1..5, chunksize: 2) { x -> seen << x; seen.size() }.join(',')
                }
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        run.assertPrinted("once: ok 1,2,3,4,5");
    }

    /** Items fail one by one inside a chunk: the first failing item in input order is the one raised. */
    @Test
    void aFailingItemOfAChunkRaisesAtItsPlace() throws IOException {
        CliRun run = run("""
                task 'failing', {
                    def pool = processes(2)
                    try {
                        pool.map(1..30, chunksize: 10) { x ->
                            if (x == 15 || x == 25) { throw new IllegalStateException("item " + x + " failed") }
                            x
                        }.toList()
                        'no error'
                    } catch (IllegalStateException e) {
                        e.message
                    }
                }
                """);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        run.assertPrinted("failing: ok item 15 failed");
    }

    @Test
    void workThatCannotBeSentToAProcessesPoolIsRefusedNamingWhatCannot() throws IOException {
        CliRun run = run("""
                task 'unsendable', {
                    def pool = processes(1)
                    def lock = new Object()
                    pool.submit { lock.hashCode() }.result()
                }
                """);
        assertEquals(1, run.exitCode());
        assertTrue(run.stdout().contains("its closure captures 'lock' (java.lang.Object) cannot be sent"),
                run.stdout());
    }
}
