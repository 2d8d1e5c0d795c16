package io.jobrun.task.script;

import java.io.OutputStream;
import java.time.Duration;

/**
 * The seam between jobrun and GraalVM Polyglot: only plain Java types cross it, so the implementation (in
 * {@code io.jobrun.task.script.polyglot}) can live in its own class loader next to the polyglot jars.
 *
 * <p>Public only because that implementation is in another package; use {@link ScriptEngine}.
 */
public interface ScriptRunner extends AutoCloseable {
    /**
     * Runs {@code script} on the calling thread and returns its value as a plain Java value.
     *
     * @param log receives what the script prints (stdout and stderr)
     * @param timeLimit null for none; when it passes the script is cancelled and this throws
     *                  {@link io.jobrun.futures.FutureTimeoutException}
     * @throws ScriptException the script failed, with its language, message and line
     * @throws io.jobrun.futures.CancelledException the calling thread was interrupted while the script ran (the
     *         interrupt status stays set)
     */
    Object run(Script script, ScriptInputs inputs, OutputStream log, Duration timeLimit);

    /**
     * Starts what scripts of {@code language} with {@code permissions} need, before any runs: the engine's first
     * context (the costly one), which for Python is kept for the first script to take.
     */
    void warmUp(ScriptLanguage language, java.util.Set<ScriptPermission> permissions);

    /** How many contexts have been built so far: what pooling saves is counted with it. */
    int contextsCreated();

    /**
     * The most Python contexts with {@code permissions} that were ever being built at the same time: one at most,
     * as threads that find none idle wait for the one being built.
     */
    int mostPythonBuildsAtOnce(java.util.Set<ScriptPermission> permissions);

    /** "GraalVM Polyglot 25.0.3, fallback runtime": what runs the scripts, for benchmarks and reports. */
    String describe();

    /** Closes every context and the engine; scripts still running are cancelled. */
    @Override
    void close();
}
