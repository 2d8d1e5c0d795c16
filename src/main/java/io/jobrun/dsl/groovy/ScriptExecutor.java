package io.jobrun.dsl.groovy;

import groovy.lang.Closure;
import io.jobrun.futures.Executor;
import io.jobrun.futures.Future;
import io.jobrun.futures.Task;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.JobScriptError;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.TaskContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code threads(8)} returns. Declared at the top of a job file it names a pool the run creates
 * ({@code executor 'io', threads(8)} or {@code def io = threads(8)}); made inside a task, it is a pool of its own,
 * shut down when the task's code returns. Either way {@code io.submit { ... }} runs work that the report shows.
 */
public final class ScriptExecutor {
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
    /** The task whose code made this pool; its work may be submitted from any thread, e.g. a done-callback. */
    private volatile TaskContext creator;

    ScriptExecutor(String kind, int workers, Map<String, Object> options, SourcePosition position, JobFile file,
                   Executor ownPool) {
        this.kind = kind;
        this.workers = workers;
        this.options = options;
        this.position = position;
        this.file = file;
        this.ownPool = ownPool;
    }

    /** A pool for code running inside a task, like Python's {@code with ThreadPoolExecutor(4) as pool}. */
    static ScriptExecutor createdInTask(ExecutorKind kind, int workers, Map<String, Object> options,
                                        SourcePosition position, JobFile file, int serial) {
        if (kind.runsInWorkerProcesses()) {
            throw new JobScriptError(position, kind.name() + "(" + workers + ") can only be declared at the top"
                    + " of the job file, not created inside a task");
        }
        String name = kind.name() + "-" + serial;
        Executor pool = kind.create(new ExecutorSpec(name, kind.name(), workers, options, position), null);
        ScriptRuntime.OWNED_POOLS.get().add(pool);
        ScriptExecutor executor = new ScriptExecutor(kind.name(), workers, options, position, file, pool);
        executor.name = name;
        executor.creator = ScriptRuntime.CONTEXT.get();
        return executor;
    }

    public Future<Object> submit(Closure<?> work) {
        return submit(Map.of(), work);
    }

    public Future<Object> submit(String label, Closure<?> work) {
        return submit(Map.of("name", label), work);
    }

    /** {@code io.submit(timeout: '2s', name: 'fetch a') { ... }}. */
    public Future<Object> submit(Map<String, ?> options, Closure<?> work) {
        TaskContext current = ScriptRuntime.CONTEXT.get();
        // NOTE: a done-callback runs on whichever thread completes the future, where no task context is set.
        TaskContext context = current != null ? current : creator;
        if (context == null) {
            throw new JobScriptError(UserErrors.where(new Throwable(), file), "submit runs work, which a job file"
                    + " does inside a task or callback; its top level only declares (wrap it: task 'name', { ... })");
        }
        if (kind.equals("processes")) {
            // NOTE: a declared task ships its closure with the job file's code (WorkerClosure); submit does not yet.
            throw new JobScriptError(UserErrors.where(new Throwable(), file), "submit to process executor '" + name
                    + "' is not supported; declare that work as a task: task 'name', on: '" + name + "', { ... }");
        }
        Duration limit = options.containsKey("timeout") ? Options.duration("timeout", options.get("timeout")) : null;
        String label = options.containsKey("name") ? String.valueOf(options.get("name")) : null;
        Task<Object> task = () -> ClosureCode.runWith(context, work, null, file);
        return ownPool != null ? context.submitTo(ownPool, name, label, task, limit)
                : context.submit(name, label, task, limit);
    }

    /** Python's {@code executor.map(fn, items)}: every item submitted at once, the results in input order. */
    public List<Object> map(Iterable<?> items, Closure<?> fn) {
        List<Future<Object>> futures = new ArrayList<>();
        for (Object item : items) {
            futures.add(submit(Map.of(), new Closure<Object>(fn.getOwner(), fn.getThisObject()) {
                @SuppressWarnings("unused")
                public Object doCall() {
                    return fn.call(item);
                }
            }));
        }
        List<Object> results = new ArrayList<>();
        for (Future<Object> future : futures) {
            results.add(future.result());
        }
        return results;
    }

    public List<Object> map(Closure<?> fn, Iterable<?> items) {
        return map(items, fn);
    }

    /** Waits for submitted work; a declared executor is shut down by the run instead. */
    public void shutdown() {
        if (ownPool != null) {
            ownPool.shutdown(true, false);
        }
    }

    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return kind + "(" + workers + ")" + (name == null ? "" : " '" + name + "'");
    }
}
