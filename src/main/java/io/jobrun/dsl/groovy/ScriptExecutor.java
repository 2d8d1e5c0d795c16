package io.jobrun.dsl.groovy;

import groovy.lang.Closure;
import io.jobrun.futures.Executor;
import io.jobrun.futures.Future;
import io.jobrun.futures.MapIterator;
import io.jobrun.futures.MapOptions;
import io.jobrun.futures.Task;
import io.jobrun.futures.TaskFunction;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.JobScriptError;
import io.jobrun.job.Sendable;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.text.Suggestions;
import io.jobrun.job.TaskContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.runtime.MethodClosure;

/**
 * What {@code threads(8)} returns. Declared at the top of a job file it names a pool the run creates
 * ({@code executor 'io', threads(8)} or {@code def io = threads(8)}); made inside a task, it is a pool of its own,
 * shut down when the task's code returns. Either way {@code io.submit { ... }} runs work that the report shows.
 */
public final class ScriptExecutor implements AutoCloseable {
    private static final List<String> SUBMIT_OPTIONS = List.of("name", "timeout");
    private static final List<String> SHUTDOWN_OPTIONS = List.of("wait", "cancelFutures");
    final String kind;
    final int workers;
    /** The options given, converted to the types the kind declares. */
    final Map<String, Object> options;
    final SourcePosition position;
    private final JobFile file;
    /** The declared name; null until named. Written while the file is read, read by tasks later. */
    volatile String name;
    /** The pool made inside a task, or null for a declared executor (the run owns that one). */
    private final Executor ownPool;
    /** The job file's code, when this pool runs work in worker processes (made in a task); else null. */
    private final ScriptSource sentWith;
    /** The task whose code made this pool; its work may be submitted from any thread, e.g. a done-callback. */
    private volatile TaskContext creator;

    ScriptExecutor(String kind, int workers, Map<String, Object> options, SourcePosition position, JobFile file,
                   Executor ownPool) {
        this(kind, workers, options, position, file, ownPool, null);
    }

    private ScriptExecutor(String kind, int workers, Map<String, Object> options, SourcePosition position,
                           JobFile file, Executor ownPool, ScriptSource sentWith) {
        this.sentWith = sentWith;
        this.kind = kind;
        this.workers = workers;
        this.options = options;
        this.position = position;
        this.file = file;
        this.ownPool = ownPool;
    }

    /**
     * A pool for code running inside a task, like Python's {@code with ThreadPoolExecutor(4) as pool}. A pool of
     * worker processes loads the job file's code in each worker, as a declared one does, so that the closures sent
     * to it run with the file's methods.
     *
     * @param source      the job file's code, for a pool of worker processes
     * @param scriptClass the job file's compiled script
     */
    static ScriptExecutor createdInTask(ExecutorKind kind, int workers, Map<String, Object> options,
                                        SourcePosition position, JobFile file, int serial, ScriptSource source,
                                        Class<?> scriptClass) {
        String name = kind.name() + "-" + serial;
        io.jobrun.futures.Initializer setup = null;
        if (kind.runsInWorkerProcesses()) {
            if (source.text() == null) {
                throw new JobScriptError(position, kind.name() + "(" + workers + ") cannot be created by code that"
                        + " itself runs in a worker process; create it in a task on threads");
            }
            setup = WorkerClosure.setup(scriptClass, source.text());
        }
        Executor pool = kind.create(new ExecutorSpec(name, kind.name(), workers, options, position), setup);
        ScriptRuntime.OWNED_POOLS.get().add(pool);
        ScriptExecutor executor = new ScriptExecutor(kind.name(), workers, options, position, file, pool,
                kind.runsInWorkerProcesses() ? source : null);
        executor.name = name;
        executor.creator = ScriptRuntime.CONTEXT.get();
        return executor;
    }

    public Future<Object> submit(Closure<?> work) {
        return submit(Map.of(), work);
    }

    /**
     * Python's {@code executor.submit(fn, *args)}: {@code pool.submit(this.&fetch, url)} or
     * {@code pool.submit(fetch, url, 2)} calls {@code fn} with the arguments, on threads or in a worker JVM.
     */
    public Future<Object> submit(Closure<?> fn, Object... arguments) {
        return submit(Map.of(), fn, arguments.length == 0 ? null : new CallArguments(Arrays.asList(arguments)));
    }

    public Future<Object> submit(String label, Closure<?> work) {
        return submit(Map.of("name", label), work);
    }

    /** {@code io.submit(timeout: '2s', name: 'fetch a') { ... }}. */
    public Future<Object> submit(Map<String, ?> options, Closure<?> work) {
        return submit(options, work, null);
    }

    /** @param arguments what {@code work} is called with, or null for what a task's code is called with */
    private Future<Object> submit(Map<String, ?> options, Closure<?> work, CallArguments arguments) {
        checkOptions(options, "submit", SUBMIT_OPTIONS);
        TaskContext context = currentContext();
        if (context == null) {
            throw mistake("submit runs work, which a job file"
                    + " does inside a task or callback; its top level only declares (wrap it: task 'name', { ... })");
        }
        Duration limit = options.containsKey("timeout") ? Options.duration("timeout", options.get("timeout")) : null;
        String label = options.containsKey("name") ? String.valueOf(options.get("name")) : null;
        if (sentWith != null) {
            return context.submitToWorkers(ownPool, name, label, sendable(work, context, arguments), limit);
        }
        if (kind.equals("processes")) {
            // NOTE: a declared task ships its closure with the job file's code (WorkerClosure); submit does not yet.
            throw mistake("submit to process executor '" + name
                    + "' is not supported; declare that work as a task: task 'name', on: '" + name + "', { ... }");
        }
        Task<Object> task = () -> ClosureCode.runWith(context, work, arguments, file);
        return ownPool != null ? context.submitTo(ownPool, name, label, task, limit)
                : context.submit(name, label, task, limit);
    }

    /** Python's {@code executor.map(fn, items)}: every item submitted at once, the results in input order. */
    public List<Object> map(Iterable<?> items, Closure<?> fn) {
        return map(Map.of(), items, fn);
    }

    public List<Object> map(Closure<?> fn, Iterable<?> items) {
        return map(Map.of(), items, fn);
    }

    /** Python's {@code executor.map(fn, items, timeout=5)}: {@code pool.map(this.&fetch, items, timeout: 5)}. */
    public List<Object> map(Map<String, ?> options, Closure<?> fn, Iterable<?> items) {
        return map(options, items, fn);
    }

    /**
     * {@code pool.map(items, timeout: 5, chunksize: 100) { x -> ... }} as CPython's {@code executor.map}: the
     * timeout (seconds, or a duration) is for the whole iteration from this call, {@code buffersize} submits at most
     * that many items ahead of the results taken, and {@code chunksize} (at least 1) is the items sent to a worker
     * process at once, which a pool of threads ignores. The results come as they are asked for ({@link MapResults}):
     * a timeout or a failure is raised where the caller reaches it, and the items not done are cancelled, as Python
     * does.
     *
     * <p>On a pool of worker processes the closure is sent once per worker and the items go in chunks, each chunk one
     * message and one answer, with a result (or an error) per item; each item of a pool of threads is a row of the
     * report of its own.
     */
    public List<Object> map(Map<String, ?> options, Iterable<?> items, Closure<?> fn) {
        MapOptions settings = mapOptions(options);
        if (sentWith != null) {
            return new MapResults(ownPool.map(sendableFunction(fn, currentContext()), items, settings));
        }
        ItemLabels labels = new ItemLabels(currentContext().taskName() + "/" + name);
        return new MapResults(new MapIterator<>(items.iterator(), 1, settings,
                batch -> List.of(submitItem(batch.get(0), fn, labels))));
    }

    private Future<Object> submitItem(Object item, Closure<?> fn, ItemLabels labels) {
        return submit(Map.of("name", labels.next(item)), new Closure<Object>(fn.getOwner(), fn.getThisObject()) {
            @SuppressWarnings("unused")
            public Object doCall() {
                return fn.call(item);
            }
        });
    }

    /**
     * The rows of one {@code map} call, named by their items as a declared fan-out's are: {@code prices/io[AAPL]}.
     * Items come one by one (a map may hold back all but {@code buffersize} of them), so a name is given as its item
     * is submitted.
     */
    private static final class ItemLabels {
        private final String prefix;
        private final io.jobrun.job.ItemText.Names names = new io.jobrun.job.ItemText.Names();

        ItemLabels(String prefix) {
            this.prefix = prefix;
        }

        String next(Object item) {
            return prefix + "[" + names.next(io.jobrun.job.ItemText.of(item)) + "]";
        }
    }

    /** {@code work} packed for a worker process, or a clear error naming what it captures that cannot travel. */
    private Task<Object> sendable(Closure<?> work, TaskContext context, CallArguments arguments) {
        work = sendableForm(work);
        refuseUnsendable(work);
        if (arguments != null && !Sendable.check(arguments.values())) {
            throw mistake("work for " + this + " must be sent to"
                    + " a worker process, but its arguments cannot be sent ("
                    + Sendable.why(arguments.values()).orElse("?") + ")");
        }
        return WorkerClosure.of(work, context, sentWith, arguments);
    }

    /** {@code fn} packed as the function of a map over worker processes, or a clear error as {@link #sendable}. */
    private TaskFunction<Object, Object> sendableFunction(Closure<?> fn, TaskContext context) {
        Closure<?> sent = sendableForm(fn);
        refuseUnsendable(sent);
        return WorkerClosure.function(sent, context, sentWith);
    }

    /**
     * A method of the job file ({@code this.&countPrimes}) as a closure that can be sent; others as they are. A
     * method closure of another object cannot travel: Groovy refuses to read one back.
     */
    private Closure<?> sendableForm(Closure<?> work) {
        if (!(work instanceof MethodClosure method)) {
            return work;
        }
        if (method.getOwner() instanceof JobScript) {
            return new ScriptMethod(method.getOwner(), method.getMethod());
        }
        throw mistake("work for " + this + " must be sent to a"
                + " worker process, but a method of a value (.&" + method.getMethod() + " of a "
                + method.getOwner().getClass().getSimpleName() + ") cannot be sent; write a closure that calls it, as"
                + " { x -> x." + method.getMethod() + "() }, or a method of the job file");
    }

    private void refuseUnsendable(Closure<?> work) {
        java.util.Optional<String> unsendable = WorkerClosure.unsendable(work);
        if (unsendable.isPresent()) {
            throw mistake("work for " + this + " must be sent to"
                    + " a worker process, but " + unsendable.get() + " cannot be sent; pass it as the item, or"
                    + " compute it inside the closure");
        }
    }

    /** Refuses an option of {@code method} that is not one of {@code known}, naming the nearest. */
    private void checkOptions(Map<String, ?> options, String method, List<String> known) {
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                throw mistake(Suggestions.unknown(method + " option", key, known));
            }
        }
    }

    /** A mistake of the job file's code, at the line of the job file that made this call. */
    private JobScriptError mistake(String message) {
        return new JobScriptError(UserErrors.where(new Throwable(), file), message);
    }

    /** The running task's context; a done-callback runs on whichever thread completed the future, where none is set. */
    private TaskContext currentContext() {
        TaskContext current = ScriptRuntime.CONTEXT.get();
        return current != null ? current : creator;
    }

    private MapOptions mapOptions(Map<String, ?> options) {
        MapOptions settings = MapOptions.defaults();
        for (Map.Entry<String, ?> option : options.entrySet()) {
            Object value = option.getValue();
            try {
                settings = switch (option.getKey()) {
                    case "timeout" -> settings.timeout(value == null ? null : Options.duration("timeout", value));
                    case "chunksize" -> settings.chunksize(Options.count("chunksize", value));
                    case "buffersize" -> settings.buffersize(value == null ? null : Options.count("buffersize",
                            value));
                    default -> throw new IllegalArgumentException(Suggestions.unknown("map option", option.getKey(),
                            Vocabulary.POOL_MAP_OPTIONS));
                };
            } catch (IllegalArgumentException e) {
                throw mistake(e.getMessage());
            }
        }
        return settings;
    }

    /** Waits for submitted work; a declared executor is shut down by the run instead. */
    public void shutdown() {
        shutdown(Map.of());
    }

    /**
     * The end of Python's {@code with ThreadPoolExecutor(4) as pool:}, written {@code try (def pool = threads(4)) { ... }}
     * or {@code threads(4).withCloseable { pool -> ... }}: waits for the work submitted, as {@link #shutdown()}.
     */
    @Override
    public void close() {
        shutdown();
    }

    /** Python's {@code executor.shutdown(False)}. */
    public void shutdown(boolean wait) {
        shutdown(Map.of("wait", wait));
    }

    /**
     * Python's {@code executor.shutdown(wait=False, cancel_futures=True)}: {@code wait} (true) waits for the work
     * submitted; {@code cancelFutures} (false) cancels what has not started. A declared executor is the run's, shut
     * down when the run ends, and its other tasks' work is not this task's to cancel.
     */
    public void shutdown(Map<String, ?> options) {
        checkOptions(options, "shutdown", SHUTDOWN_OPTIONS);
        boolean wait = flag(options, "wait", true);
        boolean cancelFutures = flag(options, "cancelFutures", false);
        if (ownPool != null) {
            ownPool.shutdown(wait, cancelFutures);
        } else if (cancelFutures) {
            throw mistake("executor '" + name + "' is the"
                    + " run's, shut down when the run ends, and other tasks submit to it: cancel this task's futures"
                    + " with f.cancel(), or make a pool of the task's own (def pool = " + kind + "(" + workers + "))");
        }
    }

    private boolean flag(Map<String, ?> options, String key, boolean absent) {
        Object value = options.get(key);
        if (value == null && !options.containsKey(key)) {
            return absent;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw mistake("shutdown's " + key + " is true or false, not " + Options.describe(value));
    }

    /** {@code pool.workers}: its number of workers, as Python's {@code executor._max_workers}. */
    public int getWorkers() {
        return workers;
    }

    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return kind + "(" + workers + ")" + (name == null ? "" : " '" + name + "'");
    }
}
