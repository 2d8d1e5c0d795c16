package io.jobrun.task.script;

import static io.jobrun.task.script.Scripts.js;
import static io.jobrun.task.script.Scripts.python;
import static io.jobrun.task.script.Scripts.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.futures.CancelledException;
import io.jobrun.futures.Future;
import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.futures.ThreadPoolExecutor;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Endless scripts stop: at their own limit, at the core's per-task limit, and when their thread is interrupted. */
class ScriptTimeLimitTests {
    private static Script endless(ScriptLanguage language) {
        return language == ScriptLanguage.JAVASCRIPT ? js("console.log('started'); let n = 0; while (true) { n++; }")
                : python("print('started', flush=True)\nn = 0\nwhile True:\n    n += 1\n");
    }

    /** A task log that opens a latch at the script's first output: from then on the script is in its loop. */
    private static OutputStream signalling(CountDownLatch started) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                started.countDown();
            }
        };
    }

    @ParameterizedTest
    @EnumSource(ScriptLanguage.class)
    void endlessScriptFailsWithTimeoutAtItsLimitAndTheThreadRunsTheNextScript(ScriptLanguage language) {
        FutureTimeoutException e = assertThrows(FutureTimeoutException.class,
                () -> run(endless(language), Duration.ofMillis(200)));
        assertEquals("script exceeded its time limit of 200ms", e.getMessage());
        Script next = language == ScriptLanguage.JAVASCRIPT ? js("6 * 7") : python("6 * 7");
        assertEquals(42, run(next));
    }

    @ParameterizedTest
    @EnumSource(ScriptLanguage.class)
    void interruptingTheThreadCancelsTheScriptAndKeepsTheInterruptStatus(ScriptLanguage language) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                ScriptEngine.shared().run(endless(language), ScriptInputs.none(), signalling(started));
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                stillInterrupted.complete(Thread.currentThread().isInterrupted());
                stopped.countDown();
            }
        });
        assertTrue(started.await(Scripts.GUARD.toSeconds(), TimeUnit.SECONDS), "the script did not start");
        worker.interrupt();
        assertTrue(stopped.await(Scripts.GUARD.toSeconds(), TimeUnit.SECONDS), "the script did not stop");
        assertInstanceOf(CancelledException.class, thrown.get());
        assertTrue(stillInterrupted.get());
    }

    @ParameterizedTest
    @EnumSource(ScriptLanguage.class)
    void coreTimeLimitStopsTheScriptAndThePoolRunsTheNextTask(ScriptLanguage language) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        // NOTE: a context ready first: making one is off the clock, so on a loaded machine the 300 ms limit would
        // otherwise start only when a minute of building is over
        run(language == ScriptLanguage.JAVASCRIPT ? js("0") : python("0"));
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            Future<Object> endless = pool.submit(() -> {
                try {
                    return ScriptEngine.shared().run(endless(language), ScriptInputs.none(),
                            OutputStream.nullOutputStream());
                } finally {
                    stopped.countDown();
                }
            }, Duration.ofMillis(300));
            Throwable failure = endless.exception(Scripts.GUARD);
            assertInstanceOf(FutureTimeoutException.class, failure);
            assertTrue(stopped.await(Scripts.GUARD.toSeconds(), TimeUnit.SECONDS),
                    "the script kept running after the core's time limit");
            Future<Object> next = pool.submit(() -> run(language == ScriptLanguage.JAVASCRIPT ? js("1 + 1")
                    : python("1 + 1")));
            assertEquals(2, next.result(Scripts.GUARD));
        }
    }
}
