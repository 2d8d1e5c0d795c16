package io.jobrun.bench;

import io.jobrun.futures.Future;
import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.futures.Task;
import io.jobrun.futures.ThreadPoolExecutor;
import io.jobrun.task.script.Script;
import io.jobrun.task.script.ScriptEngine;
import io.jobrun.task.script.ScriptInputs;
import io.jobrun.task.script.ScriptLanguage;
import io.jobrun.task.script.ScriptSource;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Script tasks' figures (issue 6), printed in one run: start-up of the first context per language, per-task overhead
 * of a trivial script on a warm pool, and the speed-up of 4 CPU-bound Python tasks on 2 threads over 1.
 *
 * <p>Self-contained: {@code io.jobrun.bench.Bench} calls {@link #run(PrintStream, boolean)}, and {@link #main} runs it
 * alone ({@code --quick} for tiny sizes). Start-up is only "first" when nothing in this JVM ran a script before.
 */
public final class ScriptBenchmarks {
    private static final double TARGET_SPEEDUP = 1.7;
    private static final int PRIME_TASKS = 4;
    /** The seed programs' CPU-bound function, as a user pastes it (the tests use it too). */
    public static final String COUNT_PRIMES = """
            def count_primes(limit):
                \"\"\"Return the count of primes below limit (CPU-bound).\"\"\"
                sieve = bytearray([1]) * limit
                sieve[0] = sieve[1] = 0
                for i in range(2, int(limit ** 0.5) + 1):
                    if sieve[i]:
                        sieve[i * i::i] = bytearray(len(sieve[i * i::i]))
                return sum(sieve)
            """;

    private ScriptBenchmarks() {
    }

    public static void main(String[] args) {
        run(System.out, Arrays.asList(args).contains("--quick"));
    }

    /** Runs every workload and prints one line per figure. */
    public static void run(PrintStream out, boolean quick) {
        long loadStart = System.nanoTime();
        ScriptEngine engine = ScriptEngine.shared();
        double load = millisSince(loadStart);
        out.printf(Locale.ROOT, "script tasks (%s, %d processors, Java %s)%n", engine.describe(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        out.printf(Locale.ROOT, "  %-52s %10.1f ms%n", "load the polyglot jars and engine", load);
        for (ScriptLanguage language : ScriptLanguage.values()) {
            Script trivial = trivial(language);
            long start = System.nanoTime();
            engine.run(trivial, ScriptInputs.ofItem(1), OutputStream.nullOutputStream());
            out.printf(Locale.ROOT, "  %-52s %10.1f ms%n", "first " + language.displayName() + " context + script",
                    millisSince(start));
        }
        int tasks = quick ? 50 : 1_000;
        double javaTask = perTaskMicros(tasks, null);
        out.printf(Locale.ROOT, "  %-52s %10.1f us%n", "per task, plain Java task, warm 2-thread pool", javaTask);
        for (ScriptLanguage language : ScriptLanguage.values()) {
            double perTask = perTaskMicros(tasks, trivial(language));
            out.printf(Locale.ROOT, "  %-52s %10.1f us  (%s)%n", "per task, trivial " + language.displayName()
                    + " script, warm 2-thread pool", perTask, language == ScriptLanguage.PYTHON
                    ? "context kept per thread" : "new context per task");
        }
        for (ScriptLanguage language : ScriptLanguage.values()) {
            out.printf(Locale.ROOT, "  %-52s %10.1f ms  (median of 5, after a 200 ms limit)%n", "endless "
                    + language.displayName() + " loop stopped, late by", cancelLatencyMillis(language, quick));
        }
        int limit = quick ? 20_000 : 5_000_000;
        Script primes = Script.of(ScriptLanguage.PYTHON, ScriptSource.inline(COUNT_PRIMES))
                .calling("count_primes", List.of(limit));
        Task<Object> python = () -> ScriptEngine.shared().run(primes, ScriptInputs.none(),
                OutputStream.nullOutputStream());
        double[] seconds = secondsOnOneAndTwoThreads(python, quick);
        double oneThread = seconds[0];
        double twoThreads = seconds[1];
        double speedup = oneThread / twoThreads;
        out.printf(Locale.ROOT, "  %d x count_primes(%,d) in Python: 1 thread %.2f s, 2 threads %.2f s%n",
                PRIME_TASKS, limit, oneThread, twoThreads);
        out.printf(Locale.ROOT, "  %-52s %10.2fx  target >= %.1fx %s%n", "speed-up, 2 threads over 1", speedup,
                TARGET_SPEEDUP, speedup >= TARGET_SPEEDUP ? "(met)" : "(MISSED)");
        // NOTE: a control, because the target needs two idle cores: the same work in plain Java shows how much
        // parallelism the machine gave at this moment.
        int javaLimit = quick ? 200_000 : 20_000_000;
        Task<Object> javaPrimes = () -> countPrimes(javaLimit);
        double[] javaSeconds = secondsOnOneAndTwoThreads(javaPrimes, quick);
        double javaSpeedup = javaSeconds[0] / javaSeconds[1];
        out.printf(Locale.ROOT, "  %-52s %10.2fx  (the machine's parallelism now; Python reached %.0f%% of it)%n",
                "control: the sieve in Java, 2 threads over 1", javaSpeedup, 100 * speedup / javaSpeedup);
    }

    /** How long after its 200 ms limit an endless loop's run returns: the time to cancel the guest. */
    private static double cancelLatencyMillis(ScriptLanguage language, boolean quick) {
        Script endless = Script.of(language, ScriptSource.inline(language == ScriptLanguage.PYTHON
                ? "while True:\n    pass\n" : "while (true) {}"));
        Duration limit = Duration.ofMillis(200);
        try {
            long nanos = new Measure(1, quick ? 1 : 5).medianNanos(() -> {
                try {
                    ScriptEngine.shared().run(endless, ScriptInputs.none(), OutputStream.nullOutputStream(), limit);
                } catch (FutureTimeoutException expected) {
                    return null;
                }
                throw new IllegalStateException("an endless loop returned");
            });
            return nanos / 1e6 - limit.toMillis();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same sieve in Java, for the control row. */
    private static int countPrimes(int limit) {
        boolean[] composite = new boolean[limit];
        int count = 0;
        for (int i = 2; i < limit; i++) {
            if (!composite[i]) {
                count++;
                for (long j = (long) i * i; j < limit; j += i) {
                    composite[(int) j] = true;
                }
            }
        }
        return count;
    }

    private static Script trivial(ScriptLanguage language) {
        return Script.of(language, ScriptSource.inline("item + 1"));
    }

    /** Wall time per task of {@code tasks} tasks on a warm 2-thread pool (median of 5 after 3 warm-ups). */
    private static double perTaskMicros(int tasks, Script script) {
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(2)) {
            long nanos = new Measure(3, 5).medianNanos(() -> {
                List<Future<Object>> futures = new ArrayList<>(tasks);
                for (int i = 0; i < tasks; i++) {
                    int item = i;
                    futures.add(pool.submit(() -> script == null ? (Object) (item + 1) : ScriptEngine.shared()
                            .run(script, ScriptInputs.ofItem(item), OutputStream.nullOutputStream())));
                }
                futures.forEach(Future::result);
                return null;
            });
            return nanos / 1e3 / tasks;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The speed-up of 4 calls of {@code task} on 2 threads over 1: median wall times, the two pools measured in turn
     * after warm-up batches on each. Why in turn: HotSpot keeps compiling the interpreter for seconds, so whichever
     * pool ran first would look slower.
     */
    private static double[] secondsOnOneAndTwoThreads(Task<Object> task, boolean quick) {
        try (ThreadPoolExecutor one = new ThreadPoolExecutor(1); ThreadPoolExecutor two = new ThreadPoolExecutor(2)) {
            int runs = quick ? 1 : 5;
            for (int i = 0; i < (quick ? 1 : 4); i++) {
                batch(one, task);  // each pool's threads get their Python context here
                batch(two, task);
            }
            long[] oneNanos = new long[runs];
            long[] twoNanos = new long[runs];
            for (int i = 0; i < runs; i++) {
                oneNanos[i] = batch(one, task);
                twoNanos[i] = batch(two, task);
            }
            Arrays.sort(oneNanos);
            Arrays.sort(twoNanos);
            return new double[] {oneNanos[runs / 2] / 1e9, twoNanos[runs / 2] / 1e9};
        }
    }

    private static long batch(ThreadPoolExecutor pool, Task<Object> task) {
        long start = System.nanoTime();
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < PRIME_TASKS; i++) {
            futures.add(pool.submit(task));
        }
        futures.forEach(Future::result);
        return System.nanoTime() - start;
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
