package io.jobrun.task.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.futures.Future;
import io.jobrun.futures.ThreadPoolExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Python contexts are pooled per engine and shared by the threads, and making one is not charged to a task's time
 * limit. Counts the contexts the engine builds, never milliseconds.
 */
class ScriptContextPoolTests {
    private static final Duration GUARD = Scripts.GUARD;
    /** The example: a one-line script with a limit shorter than Python takes to start on a busy machine. */
    private static final Duration LIMIT = Duration.ofSeconds(2);

    @Test
    void tenThreadPoolGivenTenScriptsDoesNotStartPythonTenTimes() throws Exception {
        // NOTE: an access no other test grants, so no context of it is idle yet: every context here is built here
        Set<ScriptPermission> access = Set.of(ScriptPermission.ENVIRONMENT, ScriptPermission.NETWORK);
        Script script = Scripts.python("item + 1").allowing(access);
        ScriptEngine engine = ScriptEngine.shared();
        List<Object> results = new ArrayList<>();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(10)) {
            // a gate: the ten threads ask for a context at the same moment, none of them idle
            CountDownLatch ready = new CountDownLatch(10);
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int item = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    gate.await();
                    return Scripts.run(script, ScriptInputs.ofItem(item));
                }));
            }
            assertTrue(ready.await(GUARD.toSeconds(), TimeUnit.SECONDS), "the pool did not start ten threads");
            gate.countDown();
            for (Future<Object> future : futures) {
                results.add(future.result(GUARD));
            }
            int built = engine.contextsCreated();

            // then each thread in turn: the contexts built above are taken by whichever thread comes, none is built
            for (int i = 0; i < 10; i++) {
                int item = i;
                assertEquals(item + 1, pool.submit(() -> Scripts.run(script, ScriptInputs.ofItem(item)))
                        .result(GUARD));
            }
            assertEquals(built, engine.contextsCreated(), "a context was built although one was idle");
        }

        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), results);
        assertEquals(1, engine.mostPythonBuildsAtOnce(access), "Python contexts built at the same time");
    }

    @Test
    void contextCreationIsNotChargedToTheCoreTimeLimit() {
        // NOTE: a new access, so this task builds a Python context of its own (its engine is loaded already)
        Script script = Scripts.python("1 + 1").allowing(Set.of(ScriptPermission.PROCESSES,
                ScriptPermission.NETWORK));
        int before = ScriptEngine.shared().contextsCreated();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            Future<Object> task = pool.submit(() -> Scripts.run(script), LIMIT);

            assertEquals(2, task.result(GUARD));
        }
        assertEquals(1, ScriptEngine.shared().contextsCreated() - before, "the task built its context");
    }

    @Test
    void contextCreationIsNotChargedToTheScriptsOwnTimeLimit() {
        Script script = Scripts.python("2 + 2").allowing(Set.of(ScriptPermission.PROCESSES,
                ScriptPermission.ENVIRONMENT));
        int before = ScriptEngine.shared().contextsCreated();

        assertEquals(4, Scripts.run(script, LIMIT));
        assertEquals(1, ScriptEngine.shared().contextsCreated() - before, "the script built its context");
    }
}
