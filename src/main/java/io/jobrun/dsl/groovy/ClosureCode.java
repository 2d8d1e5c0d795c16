package io.jobrun.dsl.groovy;

import groovy.lang.Closure;
import groovy.lang.GString;
import io.jobrun.futures.Executor;
import io.jobrun.futures.Initializer;
import io.jobrun.job.Callback;
import io.jobrun.job.CodeIdentity;
import io.jobrun.job.RunView;
import io.jobrun.job.TaskCode;
import io.jobrun.job.TaskContext;
import io.jobrun.futures.Task;
import java.util.List;
import java.util.Optional;

/**
 * A closure from the job file as a task body or callback: sets up the script's runtime and translates errors. On a
 * process executor it travels to a worker JVM as a {@link WorkerClosure}.
 */
final class ClosureCode implements TaskCode, Callback.Code {
    /** Binding variables every closure sees that are the runner's, not the file's: never part of a key. */
    private static final java.util.Set<String> RUNNER_VARIABLES = java.util.Set.of("out");

    private final Closure<?> closure;
    private final JobFile file;
    private final ScriptSource source;
    /** The closure's own text in the file, or null when its place is unknown. */
    private final String text;

    /** @param text the closure's own text in the file, or null when its place is unknown */
    ClosureCode(Closure<?> closure, ScriptSource source, String text) {
        this.closure = closure;
        this.file = source.file();
        this.source = source;
        this.text = text;
    }

    /**
     * The closure's text (or, when its place is unknown, the whole file's), the file's helpers, and the values it
     * captures: its captured local variables, and the file's binding variables that its text names.
     */
    @Override
    public Optional<CodeIdentity> identity() {
        if (source.text() == null) {
            return Optional.empty();
        }
        String own = text != null ? text : source.text();
        java.util.Map<String, Object> captured = new java.util.LinkedHashMap<>(WorkerClosure.captured(closure));
        if (closure.getThisObject() instanceof groovy.lang.Script script) {
            script.getBinding().getVariables().forEach((name, value) -> {
                String variable = String.valueOf(name);
                if (!RUNNER_VARIABLES.contains(variable) && !captured.containsKey(variable)
                        && own.matches("(?s).*\\b" + java.util.regex.Pattern.quote(variable) + "\\b.*")) {
                    captured.put(variable, value);
                }
            });
        }
        return Optional.of(new CodeIdentity(own, source.helpers(), captured));
    }

    @Override
    public Optional<String> unsendable() {
        return WorkerClosure.unsendable(closure);
    }

    @Override
    public Task<Object> inWorker(TaskContext context) {
        return WorkerClosure.of(closure, context, source);
    }

    @Override
    public Initializer workerSetup() {
        return WorkerClosure.setup(closure.getThisObject().getClass(), source.text());
    }

    @Override
    public Object run(TaskContext context) throws Exception {
        return runWith(context, closure, context.input(), file);
    }

    @Override
    public void call(Object subject) throws Exception {
        TaskContext context = ScriptRuntime.CONTEXT.get();
        if (context == null && subject instanceof RunView run) {
            context = new AfterRunContext(run.getResults());
        }
        runWith(context, closure, subject, file);
    }

    /** What job callbacks see: the results of the run; no more work can be submitted. */
    private record AfterRunContext(java.util.Map<String, Object> results) implements TaskContext {
        @Override
        public String taskName() {
            return "job callback";
        }

        @Override
        public Object input() {
            return null;
        }

        @Override
        public <T> io.jobrun.futures.Future<T> submit(String executor, String label, io.jobrun.futures.Task<T> work,
                                                      java.time.Duration timeLimit) {
            throw new IllegalStateException("the run is over; job callbacks cannot submit work");
        }

        @Override
        public <T> io.jobrun.futures.Future<T> submitTo(Executor pool, String poolName, String label,
                                                        io.jobrun.futures.Task<T> work,
                                                        java.time.Duration timeLimit) {
            throw new IllegalStateException("the run is over; job callbacks cannot submit work");
        }
    }

    /** Calls {@code closure} as task code of {@code context}; pools it creates are shut down when it returns. */
    static Object runWith(TaskContext context, Closure<?> closure, Object argument, JobFile file) throws Exception {
        TaskContext outer = ScriptRuntime.CONTEXT.get();
        List<Executor> outerPools = ScriptRuntime.OWNED_POOLS.get();
        TaskPrint outerPrint = ScriptRuntime.PRINT.get();
        io.jobrun.job.Printed printed = context != null && context.output() != null ? context.output()
                : io.jobrun.job.Printing.current();
        TaskPrint print = printed == null ? null : new TaskPrint(printed);
        ScriptRuntime.CONTEXT.set(context);
        ScriptRuntime.OWNED_POOLS.set(new java.util.ArrayList<>());
        ScriptRuntime.PRINT.set(print != null ? print : outerPrint);
        try {
            Object result = argument instanceof CallArguments call ? closure.call(call.values().stream()
                    .map(GroovyValues::of).toArray())
                    : closure.getMaximumNumberOfParameters() == 0 ? closure.call()
                    : closure.call(GroovyValues.of(argument));
            // NOTE: "Hello, ${name}" is a GString; the report and the next stage want the text.
            return result instanceof GString text ? text.toString() : result;
        } catch (Throwable error) {
            throw rethrowable(UserErrors.translate(error, file));
        } finally {
            for (Executor pool : ScriptRuntime.OWNED_POOLS.get()) {
                pool.shutdown(true, false);
            }
            ScriptRuntime.OWNED_POOLS.set(outerPools);
            ScriptRuntime.CONTEXT.set(outer);
            ScriptRuntime.PRINT.set(outerPrint);
            if (print != null) {
                print.close();
            }
        }
    }

    private static Exception rethrowable(Throwable error) {
        if (error instanceof Exception exception) {
            return exception;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return new RuntimeException(error);
    }
}
