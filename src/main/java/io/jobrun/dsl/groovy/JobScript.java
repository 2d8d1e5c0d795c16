package io.jobrun.dsl.groovy;

import groovy.lang.Closure;
import groovy.lang.MissingMethodException;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ItemSource;
import io.jobrun.job.JobScriptError;
import io.jobrun.job.OptionValueException;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskContext;
import io.jobrun.job.TaskKind;
import io.jobrun.job.expr.ShellTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The base class of every Groovy job file: its public methods, and the registered executor and task kinds, are the
 * DSL. Reading the file runs its top level, which declares executors, tasks and callbacks into a {@link JobBuilder};
 * the closures run later, as tasks.
 *
 * <p>Add {@code @groovy.transform.BaseScript io.jobrun.dsl.groovy.JobScript _} at the top of a job file for editor
 * completion.
 */
public abstract class JobScript extends FuturesScript {
    /** Set by the loader before the top level runs. */
    private JobBuilder builder;
    /** Serial numbers for pools created inside tasks. */
    private final java.util.concurrent.atomic.AtomicInteger pools = new java.util.concurrent.atomic.AtomicInteger();

    void attach(JobBuilder jobBuilder) {
        this.builder = jobBuilder;
    }

    @Override
    JobFile jobFile() {
        return builder.file();
    }

    /**
     * Inserted by the compile step around a DSL call's last argument: records where the call and each of its
     * arguments are written ({@code parts}: {@code [path, line, column, exact]} lists).
     */
    public Object __at(int line, int column, List<?> parts, Object value) {
        ScriptRuntime.POSITION.set(CallSite.of(builder.file().displayName(), line, column, parts));
        return value;
    }

    /** Declarations belong to the top level; a task's code that tries one gets a clear error. */
    private CallSite declaring(String what) {
        CallSite at = builder.call();
        if (ScriptRuntime.CONTEXT.get() != null) {
            throw new JobScriptError(at.position(), DslCheck.declarationInTaskCode(what));
        }
        return at;
    }

    // ---- printing: task code prints to its task's output; elsewhere Script's own (the job's stdout) ----

    @Override
    public void println() {
        TaskPrint task = ScriptRuntime.PRINT.get();
        if (task == null) {
            super.println();
        } else {
            task.stream().println();
        }
    }

    @Override
    public void println(Object value) {
        TaskPrint task = ScriptRuntime.PRINT.get();
        if (task == null) {
            super.println(value);
        } else {
            task.stream().println(PlainGString.text(value));
        }
    }

    @Override
    public void print(Object value) {
        TaskPrint task = ScriptRuntime.PRINT.get();
        if (task == null) {
            super.print(value);
        } else {
            task.stream().print(PlainGString.text(value));
        }
    }

    @Override
    public void printf(String format, Object value) {
        printf(format, new Object[] {value});
    }

    @Override
    public void printf(String format, Object[] values) {
        TaskPrint task = ScriptRuntime.PRINT.get();
        if (task == null) {
            super.printf(format, values);
        } else {
            task.stream().printf(format, values);
        }
    }

    // ---- the job ----

    public void description(String text) {
        declaring("description");
        builder.description(text);
    }

    /** Default values for {@code -p key=value} parameters: {@code params dir: 'jobs/data'}. */
    public void params(Map<String, ?> defaults) {
        builder.paramDefaults(declaring("params"), defaults);
    }

    /**
     * The parameters: {@code -p key=value} from the command line over the file's defaults, each a value of its
     * default's type.
     */
    public Map<String, Object> getParams() {
        return builder.params();
    }

    /** Results of the tasks finished so far, by name: {@code results.fetch}. Only inside tasks and callbacks. */
    public Map<String, Object> getResults() {
        TaskContext context = ScriptRuntime.CONTEXT.get();
        if (context == null) {
            // NOTE: an empty map here made shell("echo ${results.fetch}") run 'echo null'
            throw new JobScriptError(builder.call().position(), DslCheck.RESULTS_BEFORE_TASKS);
        }
        return GroovyValues.results(context.results());
    }

    /**
     * The environment a task sees: jobrun's own with the variables of the env files over it, {@code env.API_URL}.
     * Only inside tasks: the job's {@code dotenv} files are read once the whole file is.
     */
    public Map<String, String> getEnv() {
        TaskContext context = ScriptRuntime.CONTEXT.get();
        if (context == null) {
            throw new JobScriptError(builder.call().position(), "env is read when a task runs, once the job's dotenv "
                    + "files are loaded; use it inside a task, or write '${env.NAME}' in single quotes to shell(...)");
        }
        return io.jobrun.job.JobEnvironment.view(context.environment());
    }

    /** The job's own time limit: {@code timeout '5m'}. */
    public void timeout(Object limit) {
        builder.timeout(declaring("timeout"), limit);
    }

    /**
     * The tasks a run selects when the command line names none: {@code defaultTasks 'build', 'test'} (names, patterns,
     * task handles, or a list of them).
     */
    public void defaultTasks(Object... names) {
        builder.defaultTasks(declaring("defaultTasks"), names);
    }

    /** Env files whose variables tasks see: {@code dotenv '.env'}, {@code dotenv(['.env', '.env.local'])}. */
    public void dotenv(Object... files) {
        builder.dotenv(declaring("dotenv"), files);
    }

    /** Parameters and environment variables whose values no report shows: {@code secrets 'API_TOKEN'}. */
    public void secrets(Object... names) {
        builder.secrets(declaring("secrets"), names);
    }

    /** When the run shows what tasks print: {@code output 'prefixed'} (live, tagged) or {@code 'failed'}. */
    public void output(String mode) {
        builder.output(declaring("output"), mode);
    }

    /** {@code halt 'first-failure'} or {@code halt 'run-all'} (the default). */
    public void halt(String policy) {
        builder.halt(declaring("halt"), policy);
    }

    public void always(Closure<?> callback) {
        builder.callback(builder.always(), callback, declaring("always"));
    }

    public void onSuccess(Closure<?> callback) {
        builder.callback(builder.onSuccess(), callback, declaring("onSuccess"));
    }

    public void onFailure(Closure<?> callback) {
        builder.callback(builder.onFailure(), callback, declaring("onFailure"));
    }

    /** {@code always shell('echo done in ${run.wall}')}: a command, as YAML's {@code always: { shell: ... }}. */
    public void always(BodyCall command) {
        CallSite at = declaring("always");
        builder.always().add(builder.shellCallback(command, "run", at.position()));
    }

    public void onSuccess(BodyCall command) {
        CallSite at = declaring("onSuccess");
        builder.onSuccess().add(builder.shellCallback(command, "run", at.position()));
    }

    /** {@code onFailure shell('notify ${task.name} failed')}: run for each task that fails. */
    public void onFailure(BodyCall command) {
        CallSite at = declaring("onFailure");
        builder.onFailure().add(builder.shellCallback(command, "task", at.position()));
    }

    // ---- executors and task kinds, from their registries ----

    /**
     * {@code def io = executor 'io', threads(4)}: names the pool, and gives it back, so that tasks can submit work to
     * it as to {@code def io = threads(4)}.
     */
    public ScriptExecutor executor(String name, ScriptExecutor executor) {
        builder.nameExecutor(declaring("executor").position(), name, executor);
        return executor;
    }

    /**
     * Any registered executor kind, {@code threads(8)}, {@code processes(2, maxHeap: '512m')}, and any registered
     * task kind, {@code shell('make -j2')}, {@code http(get: url)}. An executor declared at the top level is a pool
     * of the run; made inside a task, a pool of the task's own.
     */
    public Object methodMissing(String name, Object args) {
        Object[] arguments = args instanceof Object[] array ? array : new Object[] {args};
        ExecutorKind executorKind = builder.file().vocabulary().kinds().executors().find(name);
        if (executorKind != null) {
            return executor(executorKind, arguments);
        }
        TaskKind taskKind = builder.file().vocabulary().kinds().tasks().find(name);
        if (taskKind != null) {
            CallSite at = builder.call();
            if (ScriptRuntime.CONTEXT.get() != null) {
                // NOTE: the check refuses what it can see; this is a helper method of the file called from a task.
                throw new JobScriptError(at.position(), DslCheck.bodyInTaskCode(name));
            }
            return builder.body(taskKind, at, arguments);
        }
        throw new MissingMethodException(name, getClass(), arguments);
    }

    private ScriptExecutor executor(ExecutorKind kind, Object[] arguments) {
        Map<String, ?> options = Map.of();
        List<Object> positional = new ArrayList<>();
        for (Object argument : arguments) {
            if (argument instanceof Map<?, ?> map && options.isEmpty() && positional.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, ?> named = (Map<String, ?>) map;
                options = named;
            } else {
                positional.add(argument);
            }
        }
        SourcePosition at = builder.call().position();
        String workersOption = kind.workersOption();
        String workersName = kind.name();
        if (positional.isEmpty() && workersOption != null && options.containsKey(workersOption)) {
            // NOTE: cluster(slots: 8): the kind lets Groovy name its number of workers.
            Map<String, Object> rest = new java.util.LinkedHashMap<>(options);
            positional.add(rest.remove(workersOption));
            options = rest;
            workersName = workersOption;
        }
        boolean inTask = ScriptRuntime.CONTEXT.get() != null;
        if (positional.isEmpty() && inTask && kind.defaultWorkers() > 0) {
            positional.add(kind.defaultWorkers()); // NOTE: Python's ThreadPoolExecutor() inside task code
        }
        if (positional.size() != 1) {
            throw new JobScriptError(at, kind.name() + " takes its number of workers and named options, e.g. "
                    + kind.name() + "(4)" + (workersOption == null ? "" : " or " + kind.name() + "(" + workersOption
                    + ": 4)") + "; got " + positional.size() + " arguments besides the options"
                    + (positional.isEmpty() && kind.defaultWorkers() > 0 ? " (a pool made inside a task may leave it"
                    + " out, as Python's " + (kind.name().equals("threads") ? "ThreadPoolExecutor()" : "ProcessPool"
                    + "Executor()") + " does; a declared executor names it)" : ""));
        }
        int count;
        try {
            count = Options.count(workersName, positional.get(0));
        } catch (OptionValueException e) {
            throw new JobScriptError(at, e.getMessage());
        }
        if (inTask) {
            Map<String, Object> converted = builder.executorOptions(kind, options, problem -> {
                throw new JobScriptError(at, problem);
            });
            return ScriptExecutor.createdInTask(kind, count, converted, at, builder.file(), pools.incrementAndGet(),
                    builder.source(), getClass());
        }
        return builder.declareExecutor(at, kind, options, count);
    }

    /** {@code raw(params.flags)} inside a "..." string given to {@code shell}: the value is pasted in as shell code. */
    public ShellTemplate.Raw raw(Object value) {
        builder.warning(builder.call().position(), ShellTemplate.rawWarning("raw(...)"));
        return new ShellTemplate.Raw(String.valueOf(value));
    }

    // ---- tasks ----

    public TaskHandle task(String name, Closure<?> body) {
        return task(Map.of(), name, body);
    }

    /** {@code task 'name', on: 'io', timeout: '5s', { ... }}. */
    public TaskHandle task(Map<String, ?> options, String name, Closure<?> body) {
        CallSite at = declaring("task");
        return builder.task(at, options, name, code(body, at), null, List.of(), false);
    }

    /**
     * {@code task('one', defaults) { ... }}: options in a map given after the name, as a map variable is most
     * naturally written; the same as named options.
     */
    public TaskHandle task(String name, Map<String, ?> options, Closure<?> body) {
        return task(options, name, body);
    }

    public TaskHandle task(String name, BodyCall body) {
        return task(Map.of(), name, body);
    }

    public TaskHandle task(String name, Map<String, ?> options, BodyCall body) {
        return task(options, name, body);
    }

    /** {@code task 'build', timeout: '2m', shell('make -j2')}, and so for any task kind. */
    public TaskHandle task(Map<String, ?> options, String name, BodyCall body) {
        CallSite at = declaring("task");
        return builder.task(at, options, name, body, null, List.of(), false);
    }

    /** A fan-out without {@code over:}: reported as a problem, so the message says what is missing. */
    public TaskHandle map(String name, Closure<?> body) {
        return map(Map.of(), name, body);
    }

    /** A fan-out: {@code map 'analyze', over: files, { File f -> ... }} runs the closure once per item. */
    public TaskHandle map(Map<String, ?> options, String name, Closure<?> body) {
        CallSite at = declaring("map");
        return builder.task(at, options, name, code(body, at), null, List.of(), true);
    }

    public TaskHandle map(String name, Map<String, ?> options, Closure<?> body) {
        return map(options, name, body);
    }

    public TaskHandle map(String name, Map<String, ?> options, BodyCall body) {
        return map(options, name, body);
    }

    /** A fan-out of any task kind: {@code map 'count', over: files, shell('wc -l ${item}')}. */
    public TaskHandle map(Map<String, ?> options, String name, BodyCall body) {
        CallSite at = declaring("map");
        return builder.task(at, options, name, body, null, List.of(), true);
    }

    /**
     * {@code map 'count', over: files('jobs/data/*.txt'), ...}: the paths of the matching files (relative to the
     * working directory, sorted), read when the task becomes ready, so that it sees files its upstreams made.
     */
    public ItemSource files(String pattern) {
        return new ItemSource.Glob(pattern, builder.call().parts().at("0"));
    }

    /** {@code over: lines('urls.txt')}: the file's non-blank lines, read when the task becomes ready. */
    public ItemSource lines(String file) {
        return new ItemSource.Lines(file, builder.call().parts().at("0"));
    }

    /**
     * {@code over: resultOf('list')}: the list that task returned; the fan-out runs after it, and reads the list
     * when it becomes ready.
     */
    public ItemSource resultOf(String task) {
        return new ItemSource.Result(task, builder.call().parts().at("0"));
    }

    /**
     * {@code over: matrix(os: ['linux', 'mac'], py: ['3.11', '3.12'])}: an item for every combination, a map from
     * axis to value ({@code ${item.os}}, or the closure's {@code m.os}), the first axis changing slowest, as a CI
     * matrix.
     */
    public ItemSource matrix(Map<String, ?> axes) {
        CallSite at = builder.call();
        Map<String, List<Object>> lists = new java.util.LinkedHashMap<>();
        for (var axis : axes.entrySet()) {
            if (!(axis.getValue() instanceof Iterable<?> values)) {
                builder.problem(at.parts().at(axis.getKey()), ItemSource.Items.axisNotAList(axis.getKey(),
                        Options.describe(Options.plain(axis.getValue()))));
                return new ItemSource.Items(List.of());
            }
            List<Object> list = new java.util.ArrayList<>();
            values.forEach(value -> list.add(Options.plain(value)));
            lists.put(axis.getKey(), list);
        }
        try {
            return ItemSource.Items.matrix(lists);
        } catch (io.jobrun.job.RuleException e) {
            builder.problem(lists.containsKey(e.part()) ? at.parts().at(e.part()) : at.position(), e.getMessage());
            return new ItemSource.Items(List.of());
        }
    }

    private BodyCall code(Closure<?> body, CallSite at) {
        ScriptSource source = builder.source();
        return new BodyCall("closure", new TaskBody.Code(new ClosureCode(body, source,
                SourceText.lastClosure(at, source.text()))),
                io.jobrun.job.Positions.of(builder.file().position()));
    }
}
