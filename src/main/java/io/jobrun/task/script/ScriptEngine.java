package io.jobrun.task.script;

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs script tasks: the process-wide entry point to GraalVM Polyglot.
 *
 * <p>The polyglot jars (over 180 MB with Python) are not on jobrun's class path: the first call to {@link #shared()}
 * loads them through {@link PolyglotLoader}, so a job without scripts never pays for them. There is one engine per
 * JVM; it keeps one context per worker thread and language (a context is never used by two threads at once) and
 * caches parsed sources, so only the first script of each language pays the start-up (about 0.5 s for JavaScript,
 * a few seconds for Python).
 */
public final class ScriptEngine {
    private final ScriptRunner runner;

    private ScriptEngine(ScriptRunner runner) {
        this.runner = runner;
    }

    /** Made on first use; lives until the JVM exits. Written under the class's lock. */
    private static volatile ScriptEngine shared;

    /**
     * The one engine of this JVM, created (and the polyglot jars loaded) on first use.
     *
     * @throws IllegalStateException when the polyglot jars cannot be loaded, saying where they were looked for; the
     *         next call tries again (a holder class would turn this into a NoClassDefFoundError for every later task)
     */
    public static ScriptEngine shared() {
        ScriptEngine engine = shared;
        if (engine == null) {
            synchronized (ScriptEngine.class) {
                engine = shared;
                if (engine == null) {
                    engine = new ScriptEngine(PolyglotLoader.load());
                    shared = engine;
                }
            }
        }
        return engine;
    }

    /**
     * Whether the script languages (GraalVM JavaScript and Python) are installed where script tasks load them; a
     * build without them has the polyglot API only ({@code bin/jobrun --install-scripts} fetches them).
     */
    public static boolean languagesInstalled() {
        return PolyglotLoader.languagesPresent();
    }

    /** Runs {@code script} with no time limit; see {@link #run(Script, ScriptInputs, OutputStream, Duration)}. */
    public Object run(Script script, ScriptInputs inputs, OutputStream log) {
        return run(script, inputs, log, null);
    }

    /**
     * Runs {@code script} on the calling thread and returns its value: null, a Boolean, String, Integer, Long,
     * BigInteger or Double, or a List or Map of those.
     *
     * <p>An interrupt of the calling thread (the core's per-task time limit, a shutdown, Ctrl-C) cancels the script
     * within a few milliseconds, as {@code timeLimit} does.
     *
     * @param log receives what the script prints; pass {@link OutputStream#nullOutputStream()} to drop it
     * @param timeLimit null for none; when it passes, throws {@link io.jobrun.futures.FutureTimeoutException}
     * @throws ScriptException the script failed: its language, message and the line in the file the user wrote
     * @throws io.jobrun.futures.CancelledException the calling thread was interrupted
     */
    public Object run(Script script, ScriptInputs inputs, OutputStream log, Duration timeLimit) {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(log, "log");
        if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
            throw new IllegalArgumentException("a script's time limit must be positive, got " + timeLimit);
        }
        return runner.run(script, inputs, log, timeLimit);
    }

    /**
     * The options a JVM that runs scripts should start with (worker JVMs of a process pool, launchers): Truffle loads
     * a native library and, on JDK 24 and later, uses {@code sun.misc.Unsafe}, and without these the JDK prints a
     * warning block for each on first use. {@code bin/jobrun}, {@code bin/bench} and the tests pass the same ones.
     */
    public static List<String> jvmOptions() {
        int feature = Runtime.version().feature();
        List<String> options = new ArrayList<>();
        if (feature >= 22) {
            options.add("--enable-native-access=ALL-UNNAMED");
        }
        if (feature >= 24) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return List.copyOf(options);
    }

    /**
     * Gets scripts of {@code language} with {@code permissions} ready to start at once: builds the first context, the
     * one that costs (seconds for Python), so that a script's time limit only counts its own code.
     */
    public void warmUp(ScriptLanguage language, Set<ScriptPermission> permissions) {
        runner.warmUp(language, permissions);
    }

    /** How many script contexts this engine has built. */
    public int contextsCreated() {
        return runner.contextsCreated();
    }

    /** The most Python contexts with {@code permissions} ever built at the same time (see {@link ScriptRunner}). */
    public int mostPythonBuildsAtOnce(java.util.Set<ScriptPermission> permissions) {
        return runner.mostPythonBuildsAtOnce(permissions);
    }

    /** What runs the scripts, e.g. "GraalVM Polyglot 25.0.3, Interpreted runtime". */
    public String describe() {
        return runner.describe();
    }
}
