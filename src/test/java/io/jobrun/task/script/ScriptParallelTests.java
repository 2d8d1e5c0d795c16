package io.jobrun.task.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jobrun.bench.ScriptBenchmarks;
import io.jobrun.futures.Future;
import io.jobrun.futures.ThreadPoolExecutor;
import io.jobrun.futures.VirtualThreadExecutor;
import io.jobrun.futures.process.ProcessPoolExecutor;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scripts run on several threads at once (a context each) and in the process pool's worker JVMs. */
class ScriptParallelTests {
    @Test
    void pythonFunctionFannedOutOverThreadsGivesEachInputsResult() {
        List<Integer> limits = List.of(10, 100, 1_000, 10_000);
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(2)) {
            List<Future<Object>> counts = new ArrayList<>();
            for (int limit : limits) {
                Script script = Scripts.python(ScriptBenchmarks.COUNT_PRIMES).calling("count_primes", List.of(limit));
                counts.add(pool.submit(() -> Scripts.run(script)));
            }
            List<Object> results = new ArrayList<>();
            for (Future<Object> count : counts) {
                results.add(count.result(Scripts.GUARD));
            }
            assertEquals(List.of(4, 25, 168, 1229), results);
        }
    }

    @Test
    void scriptsRunOnVirtualThreadsWithAContextEachTime() {
        try (VirtualThreadExecutor pool = new VirtualThreadExecutor()) {
            List<Future<Object>> values = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int item = i;
                values.add(pool.submit(() -> Scripts.run(Scripts.python("item * 10"), ScriptInputs.ofItem(item))));
            }
            List<Object> results = new ArrayList<>();
            for (Future<Object> value : values) {
                results.add(value.result(Scripts.GUARD));
            }
            assertEquals(List.of(0, 10, 20), results);
        }
    }

    @Test
    void javascriptRunsInAProcessPoolWorker() {
        ProcessPoolExecutor.Options options = ProcessPoolExecutor.options().maxWorkers(1)
                .jvmOptions(ScriptEngine.jvmOptions());
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(options)) {
            Future<Object> doubled = pool.submit(() -> ScriptEngine.shared().run(
                    Script.of(ScriptLanguage.JAVASCRIPT, ScriptSource.inline("item.map(x => x * 2)")),
                    ScriptInputs.ofItem(List.of(1, 2, 3)), OutputStream.nullOutputStream()));
            assertEquals(List.of(2, 4, 6), doubled.result(Scripts.GUARD));
        }
    }
}
