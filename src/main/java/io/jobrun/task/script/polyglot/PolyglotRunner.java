package io.jobrun.task.script.polyglot;

import io.jobrun.futures.TimeLimits;
import io.jobrun.task.script.Script;
import io.jobrun.task.script.ScriptException;
import io.jobrun.task.script.ScriptInputs;
import io.jobrun.task.script.ScriptLanguage;
import io.jobrun.task.script.ScriptPermission;
import io.jobrun.task.script.ScriptRunner;
import io.jobrun.task.script.ScriptSource;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The script runner on GraalVM Polyglot: one shared {@link Engine}, cached parsed {@link Source}s, contexts from
 * {@link ScriptContexts}, cancellation by the {@link Watchdog}.
 *
 * <p>Loaded by {@code PolyglotLoader}, never by jobrun's own class loader; created reflectively, named by
 * {@code META-INF/services/io.jobrun.task.script.ScriptRunner}.
 */
public final class PolyglotRunner implements ScriptRunner {
    private final ScriptContexts contexts;
    private final Watchdog watchdog = new Watchdog();
    /** Parsed sources; kept strongly, since the engine drops its code cache for a Source that is collected. */
    private final Map<SourceKey, Source> sources = new ConcurrentHashMap<>();

    private record SourceKey(String languageId, ScriptSource source) {
    }

    public PolyglotRunner(ClassLoader loader) {
        this.contexts = new ScriptContexts(loader);
    }

    /**
     * Proceeds in 3 steps: watch for a time limit and an interrupt from the start (acquiring a Python context takes
     * long enough to be interrupted); acquire a context and evaluate; settle the outcome with the watchdog and give
     * the context back, or drop it when it was cancelled.
     */
    @Override
    public Object run(Script script, ScriptInputs inputs, OutputStream log, Duration timeLimit) {
        Thread worker = Thread.currentThread();
        Execution execution = new Execution(worker, timeLimit);
        InterruptHook hook = new InterruptHook(() -> watchdog.interrupted(execution));
        watchdog.add(execution);
        hook.arm();
        ScriptContexts.Pooled pooled = null;
        boolean reusable = false;
        try {
            Source source = source(script);
            pooled = acquire(script, execution, timeLimit);
            pooled.output.redirectTo(log);
            execution.startClock();
            Object value = evaluate(pooled, source, script, inputs);
            if (!execution.finish()) {
                throw GuestErrors.cancelled(execution.state(), timeLimit);
            }
            reusable = true;
            return value;
        } catch (PolyglotException | IllegalStateException e) {
            throw failure(e, execution, script, timeLimit);
        } catch (GuestValues.UnsupportedValue e) {
            reusable = execution.finish();
            throw new ScriptException(script.language(), e.getMessage(), script.source().origin(), 0);
        } catch (ScriptException e) {
            reusable = execution.finish();
            throw e;
        } finally {
            settle(execution, hook, pooled, reusable);
        }
    }

    /**
     * A context for the script, unless the run was cancelled while it was being made. Off the clock: neither this
     * call's time limit nor the calling task's ({@link TimeLimits#offTheClock}) counts the wait, since the limit
     * starts when the script's code does; an interrupt still ends the wait at once.
     */
    private ScriptContexts.Pooled acquire(Script script, Execution execution, Duration timeLimit) {
        ScriptContexts.Pooled pooled;
        try {
            pooled = TimeLimits.offTheClock(
                    () -> contexts.acquire(new ScriptContexts.Key(script.language(), script.permissions())));
        } catch (InterruptedException e) {
            execution.cancel(Execution.State.INTERRUPTED);
            throw GuestErrors.cancelled(execution.state(), timeLimit);
        }
        if (!execution.attach(pooled.context)) {
            contexts.release(pooled, false);
            throw GuestErrors.cancelled(execution.state(), timeLimit);
        }
        return pooled;
    }

    /** Ends the watch, and gives the context back (kept only if the script finished and may be reused). */
    private void settle(Execution execution, InterruptHook hook, ScriptContexts.Pooled pooled, boolean reusable) {
        execution.finish();
        hook.disarm();
        watchdog.remove(execution);
        if (pooled != null) {
            detach(pooled);
            contexts.release(pooled, reusable && execution.state() == Execution.State.FINISHED);
        }
        if (execution.state() == Execution.State.INTERRUPTED) {
            // NOTE: guest runtimes may consume the interrupt (GraalPy does); the caller must still see it.
            execution.worker.interrupt();
        }
    }

    /** What to throw for an exception out of the guest: the cancellation, if there was one, else the translation. */
    private static RuntimeException failure(RuntimeException e, Execution execution, Script script,
                                            Duration timeLimit) {
        if (!execution.finish()) {
            // NOTE: a canceller closed the context under the script; what it threw is only the echo of that.
            return GuestErrors.cancelled(execution.state(), timeLimit);
        }
        if (!(e instanceof PolyglotException guest)) {
            return e;
        }
        if (interruptedInGuest(guest, execution.worker)) {
            // The interrupt reached the guest before the hook settled the execution: same outcome.
            execution.markInterrupted();
            return GuestErrors.cancelled(Execution.State.INTERRUPTED, timeLimit);
        }
        return GuestErrors.translate(guest, script, sourceName(script.source()));
    }

    private static void detach(ScriptContexts.Pooled pooled) {
        try {
            pooled.output.detach();
        } catch (IOException e) {
            // The task's log could not be flushed; its owner sees the same failure on its next write.
        }
    }

    private static boolean interruptedInGuest(PolyglotException e, Thread worker) {
        return worker.isInterrupted() || e.isInterrupted()
                || (e.isHostException() && e.asHostException() instanceof InterruptedException);
    }

    private Object evaluate(ScriptContexts.Pooled pooled, Source source, Script script, ScriptInputs inputs)
            throws GuestValues.UnsupportedValue {
        Context context = pooled.context;
        GuestValues values = pooled.values;
        Value bindings = context.getBindings(script.language().languageId());
        bindings.putMember("item", values.toGuest(inputs.item()));
        bindings.putMember("params", values.toGuest(inputs.params()));
        bindings.putMember("results", values.toGuest(inputs.results()));
        Value result = context.eval(source);
        if (script.language() == ScriptLanguage.PYTHON && isModule(result)) {
            // GraalPy evaluates to the module when the last statement is not an expression: no value, as in Python.
            result = context.asValue(null);
        }
        if (script.entryPoint() != null) {
            Value function = bindings.getMember(script.entryPoint());
            if (function == null || !function.canExecute()) {
                throw new ScriptException(script.language(), "the script defines no function '" + script.entryPoint()
                        + "' to call", script.source().origin(), 0);
            }
            Object[] arguments = new Object[script.arguments().size()];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = values.toGuest(script.arguments().get(i));
            }
            result = function.execute(arguments);
        }
        return values.toJava(result);
    }

    private static boolean isModule(Value value) {
        Value type = value.getMetaObject();
        return type != null && "module".equals(type.getMetaSimpleName());
    }

    private Source source(Script script) {
        String languageId = script.language().languageId();
        return sources.computeIfAbsent(new SourceKey(languageId, script.source()), key -> {
            ScriptSource code = key.source();
            return Source.newBuilder(languageId, code.code(), sourceName(code)).cached(true).buildLiteral();
        });
    }

    /** The Source's name; it tells our frames apart from library frames when an error is traced to a line. */
    private static String sourceName(ScriptSource code) {
        return code.firstLine() == 1 ? code.origin() : code.origin() + "@" + code.firstLine();
    }

    @Override
    public void warmUp(ScriptLanguage language, java.util.Set<ScriptPermission> permissions) {
        try {
            ScriptContexts.Pooled pooled = contexts.acquire(new ScriptContexts.Key(language, Set.copyOf(permissions)));
            contexts.release(pooled, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int contextsCreated() {
        return contexts.created();
    }

    @Override
    public int mostPythonBuildsAtOnce(Set<ScriptPermission> permissions) {
        return contexts.mostPythonBuildsAtOnce(new ScriptContexts.Key(ScriptLanguage.PYTHON, Set.copyOf(permissions)));
    }

    @Override
    public String describe() {
        Engine engine = contexts.sandboxEngine();
        // The jar's manifest has the release; loaded from plain jars, getVersion() may say "Development Build".
        String version = Engine.class.getPackage().getImplementationVersion();
        return "GraalVM Polyglot " + (version != null ? version : engine.getVersion()) + ", "
                + engine.getImplementationName() + " runtime";
    }

    @Override
    public void close() {
        contexts.close();
    }
}
