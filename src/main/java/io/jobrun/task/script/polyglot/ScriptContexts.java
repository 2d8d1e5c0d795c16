package io.jobrun.task.script.polyglot;

import io.jobrun.task.script.ScriptLanguage;
import io.jobrun.task.script.ScriptPermission;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Makes contexts on the shared engines (one per sandbox policy, since a context must have its engine's policy), and
 * keeps Python's in one pool per engine and access, shared by every thread.
 *
 * <p>A context is used by one thread at a time: the one that took it, until it gives it back. Why the languages
 * differ: a new context on a warm engine costs a JavaScript script about 2 ms, but Python 60-150 ms (seconds for the
 * first), so Python's are kept: after each task the names it defined are removed, so the next task starts from an
 * empty module (imported modules stay loaded, which is most of the saving), and any thread may take it next. A thread
 * that finds none idle builds one, but only one Python context of an access is built at a time: a pool of ten
 * threads given ten short scripts does not start Python ten times at once (which on two cores put the first result
 * 12-40 s away); the others wait for the first context given back or the next one built, whichever comes first, so
 * as many contexts exist as scripts have run at the same time. JavaScript cannot reuse one at all: a script with a
 * top-level {@code const} fails the second time it runs in the same global scope.
 */
final class ScriptContexts {
    /** Which contexts can stand in for each other: same language, same granted access. */
    record Key(ScriptLanguage language, Set<ScriptPermission> permissions) {
    }

    /** A context and what belongs to it; used by one thread at a time. */
    static final class Pooled {
        final Key key;
        final Context context;
        final SwitchableOutput output;
        final GuestValues values;

        /** The module's own names before any task ran ({@code __name__}, {@code __builtins__} ...). */
        private final Set<String> initialGlobals;

        Pooled(Key key, Context context, SwitchableOutput output) {
            this.key = key;
            this.context = context;
            this.output = output;
            this.values = new GuestValues(context, key.language());
            this.initialGlobals = Set.copyOf(globals().getMemberKeys());
        }

        private Value globals() {
            return context.getBindings(key.language().languageId());
        }

        /**
         * Removes the names the last task defined, so the next task on this thread sees none of them (a function a
         * task calls must be its own); imported modules stay loaded, which is what makes a kept context fast.
         */
        void forgetTaskGlobals() {
            Value globals = globals();
            for (String name : List.copyOf(globals.getMemberKeys())) {
                if (!initialGlobals.contains(name)) {
                    globals.removeMember(name);
                }
            }
        }
    }

    private final ClassLoader loader;
    /** The engine of sandboxed contexts, made at construction: a context and its engine must share one policy. */
    private final Engine sandboxEngine;
    /**
     * Engines of contexts with extra access (TRUSTED policy), made on first use, keyed by whether host classes are
     * granted: all contexts of an engine must share one host access configuration. Guarded by this.
     */
    private final Map<Boolean, Engine> trustedEngines = new HashMap<>();
    /** Builds contexts; its threads are daemons and die after a minute idle. */
    private final ExecutorService builders = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "jobrun-script-context");
        thread.setDaemon(true);
        return thread;
    });
    /** Idle Python contexts by key, any thread's to take. Guarded by this. */
    private final Map<Key, Deque<Pooled>> idle = new HashMap<>();
    /** Keys whose next Python context is being built: one build per key at a time. Guarded by this. */
    private final Set<Key> building = new HashSet<>();
    /** Contexts built so far, for tests that count them. */
    private final AtomicInteger created = new AtomicInteger();
    /** Python contexts being built now, and the most at once, by key: for tests of the one-build rule. */
    private final Map<Key, AtomicInteger> buildingNow = new ConcurrentHashMap<>();
    private final Map<Key, AtomicInteger> mostBuilding = new ConcurrentHashMap<>();

    ScriptContexts(ClassLoader loader) {
        this.loader = loader;
        this.sandboxEngine = withLoader(() -> newEngine(SandboxPolicy.CONSTRAINED));
    }

    Engine sandboxEngine() {
        return sandboxEngine;
    }

    private synchronized Engine trustedEngine(boolean hostClasses) {
        return trustedEngines.computeIfAbsent(hostClasses,
                granted -> withLoader(() -> newEngine(SandboxPolicy.TRUSTED)));
    }

    private static Engine newEngine(SandboxPolicy policy) {
        String[] languages = Arrays.stream(ScriptLanguage.values()).map(ScriptLanguage::languageId).toArray(String[]::new);
        return Engine.newBuilder(languages)
                .sandbox(policy)
                // NOTE: on a stock JDK Truffle has no optimising compiler and says so on every run unless told not
                // to; for short glue scripts the interpreter is the better trade anyway (measured: see the README).
                .option("engine.WarnInterpreterOnly", "false")
                // Engine-level messages only; each context sends the script's own output to the task's log.
                .out(OutputStream.nullOutputStream())
                .err(new EngineLog())
                .build();
    }

    private <T> T withLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);  // languages look up their services through it
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A context for the calling thread, an idle one or a new one; give it back with {@link #release}. */
    Pooled acquire(Key key) throws InterruptedException {
        if (key.language() == ScriptLanguage.PYTHON) {
            synchronized (this) {
                Pooled kept;
                while ((kept = takeIdle(key)) == null && building.contains(key)) {
                    wait(); // a context given back or a build finished
                }
                if (kept != null) {
                    return kept;
                }
                building.add(key);
            }
        }
        // NOTE: built on another thread, because a Python context takes seconds to build and cannot be cancelled
        // half-way: a worker interrupted meanwhile leaves at once, and the context goes to the pool when it is ready.
        CompletableFuture<Pooled> build = CompletableFuture.supplyAsync(() -> create(key), builders);
        if (key.language() == ScriptLanguage.PYTHON) {
            build.whenComplete((pooled, failure) -> {
                synchronized (this) {
                    building.remove(key);
                    notifyAll();
                }
            });
        }
        try {
            return build.get();
        } catch (InterruptedException e) {
            build.thenAccept(abandoned -> release(abandoned, true));
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("creating a script context failed: " + e.getCause(), e.getCause());
        }
    }

    private Pooled takeIdle(Key key) {
        Deque<Pooled> contexts = idle.get(key);
        return contexts == null ? null : contexts.pollFirst();
    }

    /** Keeps the context for the next Python script of its key, on any thread, or closes it. */
    void release(Pooled pooled, boolean reusable) {
        if (reusable && pooled.key.language() == ScriptLanguage.PYTHON) {
            try {
                pooled.forgetTaskGlobals();
            } catch (RuntimeException e) {
                closeQuietly(pooled.context);
                return;
            }
            synchronized (this) {
                idle.computeIfAbsent(pooled.key, key -> new ArrayDeque<>()).addFirst(pooled);
                notifyAll();
            }
        } else {
            closeQuietly(pooled.context);
        }
    }

    /** How many contexts have been built. */
    int created() {
        return created.get();
    }

    /** The most Python contexts of {@code key} that were ever being built at the same time. */
    int mostPythonBuildsAtOnce(Key key) {
        AtomicInteger most = mostBuilding.get(key);
        return most == null ? 0 : most.get();
    }

    /** Closes every idle context, and the engines (cancelling what still runs). */
    synchronized void close() {
        for (Deque<Pooled> contexts : idle.values()) {
            for (Pooled pooled : contexts) {
                closeQuietly(pooled.context);
            }
        }
        idle.clear();
        builders.shutdownNow();
        sandboxEngine.close(true);
        for (Engine engine : trustedEngines.values()) {
            engine.close(true);
        }
    }

    private Pooled create(Key key) {
        created.incrementAndGet();
        if (key.language() != ScriptLanguage.PYTHON) {
            return build(key);
        }
        AtomicInteger now = buildingNow.computeIfAbsent(key, k -> new AtomicInteger());
        int count = now.incrementAndGet();
        mostBuilding.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(count, Math::max);
        try {
            return build(key);
        } finally {
            now.decrementAndGet();
        }
    }

    private Pooled build(Key key) {
        SwitchableOutput output = new SwitchableOutput();
        boolean sandboxed = key.permissions().isEmpty();
        Context.Builder builder = Context.newBuilder(key.language().languageId())
                .engine(sandboxed ? sandboxEngine
                        : trustedEngine(key.permissions().contains(ScriptPermission.HOST_CLASSES)))
                .sandbox(sandboxed ? SandboxPolicy.CONSTRAINED : SandboxPolicy.TRUSTED)
                .out(output)
                .err(output)
                .in(InputStream.nullInputStream());
        if (!sandboxed) {
            grant(builder, key.permissions());
        }
        return withLoader(() -> new Pooled(key, builder.build(), output));
    }

    /** TRUSTED policy with exactly the granted accesses on, and everything else as the defaults keep it (off). */
    private static void grant(Context.Builder builder, Set<ScriptPermission> permissions) {
        // NOTE: IOAccess.ALL would open sockets with the files; each is its own grant. Starting a process needs
        // paths and metadata (GraalPy resolves the working directory and the executable), so processes alone get
        // those, and no file's content.
        IOAccess.Builder io = IOAccess.newBuilder().allowHostSocketAccess(permissions.contains(ScriptPermission.NETWORK));
        if (permissions.contains(ScriptPermission.FILES)) {
            io.allowHostFileAccess(true);
        } else if (permissions.contains(ScriptPermission.PROCESSES)) {
            io.fileSystem(MetadataOnlyFileSystem.forContexts());
        }
        builder.allowIO(io.build());
        builder.allowEnvironmentAccess(permissions.contains(ScriptPermission.ENVIRONMENT)
                ? EnvironmentAccess.INHERIT : EnvironmentAccess.NONE);
        builder.allowCreateProcess(permissions.contains(ScriptPermission.PROCESSES));
        if (permissions.contains(ScriptPermission.HOST_CLASSES)) {
            builder.allowHostAccess(HostAccess.ALL).allowHostClassLookup(className -> true);
        }
    }

    static void closeQuietly(Context context) {
        try {
            context.close();
        } catch (RuntimeException e) {
            // Already closed by a cancellation, or closing on another thread: either way it is gone.
        }
    }
}
