package io.jobrun.dsl.groovy;

import groovy.lang.Closure;
import groovy.lang.GString;
import groovy.lang.Script;
import io.jobrun.futures.CompletionIterator;
import io.jobrun.futures.DoneAndNotDone;
import io.jobrun.futures.Future;
import io.jobrun.futures.Futures;
import io.jobrun.futures.ReturnWhen;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ItemSource;
import io.jobrun.job.JobScriptError;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskContext;
import io.jobrun.job.expr.Expression;
import io.jobrun.job.expr.ExpressionException;
import io.jobrun.job.expr.ShellTemplate;
import io.jobrun.job.expr.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The base class of every Groovy job file: its public methods are the DSL. Reading the file runs its top level,
 * which declares executors, tasks and callbacks into a {@link JobBuilder}; the closures run later, as tasks.
 *
 * <p>Add {@code @groovy.transform.BaseScript io.jobrun.dsl.groovy.JobScript _} at the top of a job file for editor
 * completion.
 */
public abstract class JobScript extends Script {
    /** Set by the loader before the top level runs. */
    private JobBuilder builder;
    /** Serial numbers for pools created inside tasks. */
    private final java.util.concurrent.atomic.AtomicInteger pools = new java.util.concurrent.atomic.AtomicInteger();

    void attach(JobBuilder jobBuilder) {
        this.builder = jobBuilder;
    }

    /** Inserted by the compile step around a DSL call's last argument: records where the call is written. */
    public Object __at(int line, int column, Object value) {
        ScriptRuntime.POSITION.set(new SourcePosition(builder.file().displayName(), line, column));
        return value;
    }

    /** Declarations belong to the top level; a task's code that tries one gets a clear error. */
    private SourcePosition declaring(String what) {
        SourcePosition at = builder.here();
        if (ScriptRuntime.CONTEXT.get() != null) {
            throw new JobScriptError(at, what + " declares part of the job and belongs at the top level of the file,"
                    + " not inside a task");
        }
        return at;
    }

    // ---- the job ----

    public void description(String text) {
        declaring("description");
        builder.description(text);
    }

    /** Default values for {@code -p key=value} parameters: {@code params dir: 'jobs/data'}. */
    public void params(Map<String, ?> defaults) {
        declaring("params");
        builder.paramDefaults(defaults);
    }

    /** The parameters: {@code -p key=value} from the command line over the file's defaults. */
    public Map<String, String> getParams() {
        return builder.params();
    }

    /** Results of the tasks finished so far, by name: {@code results.fetch}. Only inside tasks and callbacks. */
    public Map<String, Object> getResults() {
        TaskContext context = ScriptRuntime.CONTEXT.get();
        return context == null ? Map.of() : context.results();
    }

    /** The job's own time limit: {@code timeout '5m'}. */
    public void timeout(Object limit) {
        builder.timeout(declaring("timeout"), limit);
    }

    /** {@code halt 'first-failure'} or {@code halt 'run-all'} (the default). */
    public void halt(String policy) {
        builder.halt(declaring("halt"), policy);
    }

    public void always(Closure<?> callback) {
        declaring("always");
        builder.callback(builder.always(), callback);
    }

    public void onSuccess(Closure<?> callback) {
        declaring("onSuccess");
        builder.callback(builder.onSuccess(), callback);
    }

    public void onFailure(Closure<?> callback) {
        declaring("onFailure");
        builder.callback(builder.onFailure(), callback);
    }

    // ---- executors ----

    public void executor(String name, ScriptExecutor executor) {
        builder.nameExecutor(declaring("executor"), name, executor);
    }

    /**
     * Any registered executor kind: {@code threads(8)}, {@code processes(2, maxHeap: '512m')}. Declared at the top
     * level it is a pool of the run; made inside a task, a pool of the task's own.
     */
    public Object methodMissing(String name, Object args) {
        ExecutorKind kind = builder.file().vocabulary().kinds().find(name);
        Object[] arguments = args instanceof Object[] array ? array : new Object[] {args};
        if (kind == null) {
            throw new groovy.lang.MissingMethodException(name, getClass(), arguments);
        }
        Map<String, ?> options = Map.of();
        Object workers = null;
        int given = 0;
        for (Object argument : arguments) {
            if (argument instanceof Map<?, ?> map && options.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, ?> named = (Map<String, ?>) map;
                options = named;
            } else {
                workers = argument;
                given++;
            }
        }
        SourcePosition at = builder.here();
        String workersOption = kind.workersOption();
        String workersName = name;
        if (given == 0 && workersOption != null && options.containsKey(workersOption)) {
            Map<String, Object> rest = new java.util.LinkedHashMap<>(options);
            workers = rest.remove(workersOption);
            options = rest;
            workersName = workersOption;
            given = 1;
        }
        if (given != 1) {
            throw new JobScriptError(at, name + " takes its number of workers and named options, e.g. " + name
                    + "(4)" + (workersOption == null ? "" : " or " + name + "(" + workersOption + ": 4)") + "; got "
                    + given + " arguments besides the options");
        }
        int count;
        try {
            count = Options.count(workersName, workers);
        } catch (io.jobrun.job.OptionValueException e) {
            throw new JobScriptError(at, e.getMessage());
        }
        if (ScriptRuntime.CONTEXT.get() != null) {
            Map<String, Object> converted = builder.executorOptions(kind, options, problem -> {
                throw new JobScriptError(at, problem);
            });
            return ScriptExecutor.createdInTask(kind, count, converted, at, builder.file(), pools.incrementAndGet());
        }
        return builder.declareExecutor(at, kind, options, count);
    }

    // ---- tasks ----

    public ShellCommand shell(String command) {
        return shell(Map.of(), command);
    }

    /** {@code shell("rm -r ${params.dir}")}: each value of the GString reaches the shell as data, one word. */
    public ShellCommand shell(GString command) {
        return shell(Map.of(), command);
    }

    /** {@code shell('make -j2', env: [CC: 'gcc'], dir: 'native')}. */
    public ShellCommand shell(Map<String, ?> options, String command) {
        return shell(builder.here(), options, command, Map.of());
    }

    /**
     * {@code shell("tar czf ${params.archive} ${params.dir}", dir: 'build')}: the GString's values are passed in
     * environment variables, as a YAML job's {@code ${...}} are ({@link ShellTemplate}); {@code raw(x)} pastes code.
     */
    public ShellCommand shell(Map<String, ?> options, GString command) {
        SourcePosition at = builder.here();
        List<String> literals = List.of(command.getStrings());
        List<Object> values = new ArrayList<>();
        for (Object value : command.getValues()) {
            values.add(value instanceof ShellTemplate.Raw || value instanceof List<?> ? value
                    : value instanceof Closure<?> closure ? String.valueOf(closure.call()) : String.valueOf(value));
        }
        try {
            ShellTemplate.Rendered rendered = ShellTemplate.template(literals, values);
            return shell(at, options, rendered.command(), rendered.variables());
        } catch (ExpressionException e) {
            builder.problem(at, e.getMessage());
            return shell(at, options, "true", Map.of());
        }
    }

    /** {@code raw(params.flags)} inside a GString given to {@code shell}: the value is pasted in as shell code. */
    public ShellTemplate.Raw raw(Object value) {
        builder.warning(builder.here(), ShellTemplate.rawWarning("raw(...)"));
        return new ShellTemplate.Raw(String.valueOf(value));
    }

    private ShellCommand shell(SourcePosition at, Map<String, ?> options, String command,
                               Map<String, String> values) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        String directory = null;
        for (var entry : options.entrySet()) {
            switch (entry.getKey()) {
                case "env" -> {
                    if (entry.getValue() instanceof Map<?, ?> map) {
                        map.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
                    } else {
                        builder.problem(at, "env must be a map such as [CC: 'gcc'], got "
                                + Options.describe(entry.getValue()));
                    }
                }
                case "dir" -> directory = String.valueOf(entry.getValue());
                default -> builder.problem(at, io.jobrun.job.Suggestions.unknown("shell option", entry.getKey(),
                        Vocabulary.SHELL_OPTIONS));
            }
        }
        if (command == null || command.isBlank()) {
            builder.problem(at, "shell needs a command, e.g. shell('make -j2')");
            command = "true";
        }
        env.putAll(values);
        TaskBody.Shell shell = new TaskBody.Shell(command, env, directory);
        if (!Template.hasExpressions(command)) {
            return new ShellCommand(shell);
        }
        // NOTE: single-quoted '${item}' and '${results.x}' are rendered per attempt, as in YAML job files.
        if (builder.checkExpressions(at, command)) {
            try {
                for (Expression raw : ShellTemplate.parse(command).rawExpressions()) {
                    builder.warning(at, ShellTemplate.rawWarning("${" + raw.text() + "}"));
                }
            } catch (ExpressionException e) {
                builder.problem(at, e.getMessage());
            }
        }
        return new ShellCommand(new TaskBody.Templated(shell, builder.params()));
    }

    public TaskHandle task(String name, Closure<?> body) {
        return task(Map.of(), name, body);
    }

    /** {@code task 'name', on: 'io', timeout: '5s', { ... }}. */
    public TaskHandle task(Map<String, ?> options, String name, Closure<?> body) {
        SourcePosition at = declaring("task");
        return builder.task(at, options, name, new TaskBody.Code(new ClosureCode(body, builder.source())), null,
                List.of(), false);
    }

    public TaskHandle task(String name, ShellCommand command) {
        return task(Map.of(), name, command);
    }

    /** {@code task 'build', timeout: '2m', shell('make -j2')}. */
    public TaskHandle task(Map<String, ?> options, String name, ShellCommand command) {
        SourcePosition at = declaring("task");
        return builder.task(at, options, name, command.body, null, List.of(), false);
    }

    /** {@code http(get: 'http://127.0.0.1:8080/status', expect: 200, timeout: '5s')}: an HTTP task body. */
    public HttpCommand http(Map<String, ?> options) {
        return HttpCommand.of(options, builder, builder.here());
    }

    public TaskHandle task(String name, HttpCommand request) {
        return task(Map.of(), name, request);
    }

    /** {@code task 'fetch', timeout: '5s', retries: 2, http(get: url, expect: 200)}. */
    public TaskHandle task(Map<String, ?> options, String name, HttpCommand request) {
        SourcePosition at = declaring("task");
        return builder.task(at, options, name, request.body, null, List.of(), false);
    }

    /** {@code script('js', 'item.toUpperCase()')}: a JavaScript or Python task body, sandboxed. */
    public ScriptCommand script(String language, String code) {
        return ScriptCommand.of(Map.of(), language, code, builder, builder.here());
    }

    /** {@code script('python', code, call: 'count_primes', args: ['${item}'], allow: ['files'])}. */
    public ScriptCommand script(Map<String, ?> options, String language, String code) {
        return ScriptCommand.of(options, language, code, builder, builder.here());
    }

    /** {@code script('python', file: 'tasks/primes.py', call: 'count_primes', args: [5000000])}. */
    public ScriptCommand script(Map<String, ?> options, String language) {
        return ScriptCommand.of(options, language, null, builder, builder.here());
    }

    public TaskHandle task(String name, ScriptCommand script) {
        return task(Map.of(), name, script);
    }

    /** {@code task 'shout', timeout: '5s', script('js', 'params.word.toUpperCase()')}. */
    public TaskHandle task(Map<String, ?> options, String name, ScriptCommand script) {
        SourcePosition at = declaring("task");
        return builder.task(at, options, name, script.body, null, List.of(), false);
    }

    /** A script fan-out: {@code map 'primes', over: limits, script('python', code, call: 'f', args: ['${item}'])}. */
    public TaskHandle map(Map<String, ?> options, String name, ScriptCommand script) {
        SourcePosition at = declaring("map");
        return builder.task(at, options, name, script.body, null, List.of(), true);
    }

    /** A shell fan-out: {@code map 'count', over: files, shell('wc -l ${item}')}. */
    public TaskHandle map(Map<String, ?> options, String name, ShellCommand command) {
        SourcePosition at = declaring("map");
        return builder.task(at, options, name, command.body, null, List.of(), true);
    }

    /** An HTTP fan-out: {@code map 'check', over: paths, http(get: '${params.base}${item}')}. */
    public TaskHandle map(Map<String, ?> options, String name, HttpCommand request) {
        SourcePosition at = declaring("map");
        return builder.task(at, options, name, request.body, null, List.of(), true);
    }

    /** A fan-out without {@code over:}: reported as a problem, so the message says what is missing. */
    public TaskHandle map(String name, Closure<?> body) {
        return map(Map.of(), name, body);
    }

    /** A fan-out: {@code map 'analyze', over: files, { File f -> ... }} runs the closure once per item. */
    public TaskHandle map(Map<String, ?> options, String name, Closure<?> body) {
        SourcePosition at = declaring("map");
        return builder.task(at, options, name, new TaskBody.Code(new ClosureCode(body, builder.source())), null,
                List.of(), true);
    }

    /**
     * {@code map 'count', over: files('jobs/data/*.txt'), ...}: the paths of the matching files (relative to the
     * working directory, sorted), read when the task becomes ready, so that it sees files its upstreams made.
     */
    public ItemSource files(String pattern) {
        return new ItemSource.Glob(pattern, builder.here());
    }

    /** {@code over: lines('urls.txt')}: the file's non-blank lines, read when the task becomes ready. */
    public ItemSource lines(String file) {
        return new ItemSource.Lines(file, builder.here());
    }

    /**
     * {@code over: resultOf('list')}: the list that task returned; the fan-out runs after it, and reads the list
     * when it becomes ready.
     */
    public ItemSource resultOf(String task) {
        return new ItemSource.Result(task, builder.here());
    }

    // ---- the futures API, for task code ----

    /**
     * Sleeps, and stops early when the task is interrupted (time limit, halt, Ctrl-C). Replaces Groovy's own
     * {@code sleep}, which ignores interrupts and would turn every timed-out task into a leaked one.
     */
    public void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    public CompletionIterator<Object> asCompleted(Collection<? extends Future<Object>> futures) {
        return Futures.asCompleted(futures);
    }

    /** {@code asCompleted(fs, timeout: 15)}: seconds, or a duration such as '15s'. */
    public CompletionIterator<Object> asCompleted(Map<String, ?> options, Collection<? extends Future<Object>> futures) {
        return Futures.asCompleted(futures, waitTimeout(options));
    }

    public DoneAndNotDone<Object> wait(Collection<? extends Future<Object>> futures) {
        return Futures.wait(futures);
    }

    public DoneAndNotDone<Object> wait(Collection<? extends Future<Object>> futures, ReturnWhen returnWhen) {
        return Futures.wait(futures, returnWhen);
    }

    public DoneAndNotDone<Object> wait(Map<String, ?> options, Collection<? extends Future<Object>> futures) {
        return Futures.wait(futures, waitTimeout(options), ReturnWhen.ALL_COMPLETED);
    }

    public DoneAndNotDone<Object> wait(Map<String, ?> options, Collection<? extends Future<Object>> futures,
                                       ReturnWhen returnWhen) {
        return Futures.wait(futures, waitTimeout(options), returnWhen);
    }

    private Duration waitTimeout(Map<String, ?> options) {
        for (String key : options.keySet()) {
            if (!key.equals("timeout")) {
                throw new JobScriptError(UserErrors.where(new Throwable(), builder.file()), 
                        io.jobrun.job.Suggestions.unknown("wait option", key, Vocabulary.WAIT_OPTIONS));
            }
        }
        return options.containsKey("timeout") ? Options.duration("timeout", options.get("timeout")) : null;
    }
}
