package io.jobrun.dsl.groovy;

import groovy.lang.Closure;
import io.jobrun.job.Callback;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.HaltPolicy;
import io.jobrun.job.ItemSource;
import io.jobrun.job.Job;
import io.jobrun.job.JobCallbacks;
import io.jobrun.job.JobScriptError;
import io.jobrun.job.OptionSpec;
import io.jobrun.job.OptionType;
import io.jobrun.job.OptionValueException;
import io.jobrun.job.Parameters;
import io.jobrun.job.Positions;
import io.jobrun.job.Problem;
import io.jobrun.job.RuleException;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.text.Suggestions;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskKind;
import io.jobrun.job.TaskSpec;
import io.jobrun.job.expr.ExpressionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects what the job file declares while its top level runs, with the places of its parts, and builds the job
 * model. It only translates: every rule of meaning is the model's.
 */
final class JobBuilder {
    private final JobFile file;
    private final Parameters params;
    private final List<ScriptExecutor> executors = new ArrayList<>();
    private final List<TaskSpec> tasks = new ArrayList<>();
    private final List<Callback> always = new ArrayList<>();
    private final List<Callback> onSuccess = new ArrayList<>();
    private final List<Callback> onFailure = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private final Positions.Builder jobPositions;
    private String description;
    private final List<String> defaultTasks = new ArrayList<>();
    private final List<String> dotenv = new ArrayList<>();
    private final List<String> secrets = new ArrayList<>();
    private Duration timeout;
    private HaltPolicy halt = HaltPolicy.RUN_ALL;
    private io.jobrun.job.OutputMode output = io.jobrun.job.OutputMode.FAILED;
    private int unnamedExecutors;
    /** The file's text and parameters, which its closures carry to worker processes. */
    private final ScriptSource source;

    /**
     * @param text    the job file's source, or null where no closure will be sent to a worker (in a worker)
     * @param helpers the file's imports and method declarations, which a closure's key includes
     */
    JobBuilder(JobFile file, Parameters params, String text, String helpers) {
        this.file = file;
        this.params = params;
        this.source = new ScriptSource(file, text, params.values(), helpers);
        this.jobPositions = new Positions.Builder(file.position());
    }

    ScriptSource source() {
        return source;
    }

    JobFile file() {
        return file;
    }

    /** The parameters' values, as the file's code reads them. */
    Map<String, Object> params() {
        return params.values();
    }

    List<Problem> problems() {
        return problems;
    }

    /** Where the DSL call now running is written, as the compile step recorded it, else the nearest job-file line. */
    CallSite call() {
        CallSite site = ScriptRuntime.POSITION.get();
        ScriptRuntime.POSITION.remove();
        return site != null ? site : CallSite.at(UserErrors.where(new Throwable(), file));
    }

    void problem(SourcePosition at, String message) {
        problems.add(new Problem(at, message));
    }

    /** Something allowed but risky, shown by --check and before a run. */
    void warning(SourcePosition at, String message) {
        warnings.add(new Problem(at, message));
    }

    List<Problem> warnings() {
        return warnings;
    }

    void description(String text) {
        description = text;
    }

    void paramDefaults(CallSite at, Map<String, ?> defaults) {
        defaults.forEach((name, value) -> params.declare(name, value).ifPresent(problem ->
                problem(at.parts().at(name), problem)));
    }

    void timeout(CallSite at, Object value) {
        jobPositions.part("timeout", at.parts().at("0"));
        try {
            timeout = (Duration) OptionType.DURATION.convert(Options.plain(value), "timeout");
        } catch (OptionValueException e) {
            problem(at.parts().at("0"), e.getMessage());
        }
    }

    /** {@code defaultTasks 'build', 'test'}: YAML's {@code default:}, named as Gradle names it. */
    void defaultTasks(CallSite at, Object[] names) {
        texts(at, names, "defaultTasks takes task names", "default", defaultTasks);
    }

    /** {@code dotenv '.env'} or {@code dotenv(['.env', '.env.local'])}: env files, relative to the job file. */
    void dotenv(CallSite at, Object[] files) {
        texts(at, files, "dotenv takes env file paths", "dotenv", dotenv);
    }

    /** {@code secrets 'API_TOKEN', 'password'}: parameters and environment variables no report may show. */
    void secrets(CallSite at, Object[] names) {
        texts(at, names, "secrets takes names of parameters and environment variables", "secrets", secrets);
    }

    /**
     * The texts of a statement given one or more of them, or lists of them; each is recorded as the job's part
     * {@code part.N}, as YAML records a list.
     */
    private void texts(CallSite at, Object[] values, String expected, String part, List<String> into) {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i] instanceof TaskHandle handle ? handle.getName() : Options.plain(values[i]);
            List<?> each = value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
            for (Object name : each) {
                Object plain = name instanceof TaskHandle handle ? handle.getName() : Options.plain(name);
                if (!(plain instanceof String text) || text.isEmpty()) {
                    problem(at.parts().at(String.valueOf(i)), expected + ", got " + Options.describe(plain));
                    continue;
                }
                jobPositions.part(part + "." + into.size(), at.parts().at(String.valueOf(i)));
                into.add(text);
            }
        }
    }

    void output(CallSite at, String keyword) {
        try {
            output = io.jobrun.job.OutputMode.parse(keyword);
        } catch (OptionValueException e) {
            problem(at.parts().at("0"), e.getMessage());
        }
    }

    void halt(CallSite at, String keyword) {
        try {
            halt = HaltPolicy.parse(keyword);
        } catch (OptionValueException e) {
            problem(at.parts().at("0"), e.getMessage());
        }
    }

    void callback(List<Callback> list, Closure<?> closure, CallSite at) {
        list.add(new Callback.OfCode(new ClosureCode(closure, source, null), Positions.of(at.position())));
    }

    /**
     * A callback that runs a command, {@code onFailure shell('notify ${task.name}')}, as YAML's {@code { shell: ... }}:
     * the command is a template over the parameters and the callback's {@code subject}, "task" or "run".
     *
     * @throws JobScriptError for a body of another kind: a callback runs code or a shell command
     */
    Callback shellCallback(BodyCall call, String subject, SourcePosition at) {
        if (!(call.body.untemplated() instanceof TaskBody.Shell command)) {
            throw new JobScriptError(at, "a callback runs code, { t -> ... }, or a command, shell(...); not "
                    + call.kind() + "(...)");
        }
        return new Callback.Shell(command, subject, params.texts(), call.positions);
    }

    List<Callback> always() {
        return always;
    }

    List<Callback> onSuccess() {
        return onSuccess;
    }

    List<Callback> onFailure() {
        return onFailure;
    }

    /** {@code threads(8, leakGrace: '1s')}: the options are bound from what the kind declares. */
    ScriptExecutor declareExecutor(SourcePosition at, ExecutorKind kind, Map<String, ?> options, int workers) {
        ScriptExecutor executor = new ScriptExecutor(kind.name(), workers,
                executorOptions(kind, options, message -> problem(at, message)), at, file, null);
        executors.add(executor);
        return executor;
    }

    /**
     * The options of a {@code KIND(N, option: value)} call, converted to the types {@code kind} declares.
     *
     * @param problems receives what is wrong with an option, worded for the user
     */
    Map<String, Object> executorOptions(ExecutorKind kind, Map<String, ?> options, Consumer<String> problems) {
        Map<String, Object> converted = new LinkedHashMap<>();
        List<String> declaredOptions = file.vocabulary().word(kind.name()).options();
        for (var entry : options.entrySet()) {
            OptionSpec option = kind.option(entry.getKey());
            if (option == null) {
                problems.accept(Suggestions.unknownExecutorOption(kind.name(), entry.getKey(), declaredOptions));
                continue;
            }
            try {
                converted.put(option.name(), option.convert(Options.plain(entry.getValue()), entry.getKey()));
            } catch (OptionValueException e) {
                problems.accept(e.getMessage());
            }
        }
        return converted;
    }

    void nameExecutor(SourcePosition at, String name, ScriptExecutor executor) {
        if (executor.name != null) {
            problem(at, "this executor is already named '" + executor.name + "'; declare another one for '" + name
                    + "'");
            return;
        }
        executor.name = name;
    }

    String executorName(ScriptExecutor executor) {
        if (executor.name == null) {
            executor.name = executor.kind + "-" + ++unnamedExecutors;
        }
        return executor.name;
    }

    /**
     * {@code KIND('positional', option: value)}, for a registered task kind: its arguments bound to the options it
     * declares, its body built by the kind. A problem leaves a stand-in body, so that the rest can be checked.
     */
    BodyCall body(TaskKind kind, CallSite at, Object[] arguments) {
        Map<String, Object> given = new LinkedHashMap<>();
        List<String> positional = kind.positional();
        int index = 0;
        boolean ok = true;
        for (Object argument : arguments) {
            if (argument instanceof Map<?, ?> named && index == 0 && given.isEmpty()) {
                named.forEach((key, value) -> given.put(String.valueOf(key), value));
            } else if (index < positional.size()) {
                given.put(positional.get(index++), argument);
            } else {
                problem(at.position(), kind.name() + " takes " + (positional.isEmpty() ? "only named options"
                        : "at most " + positional.size() + " arguments (" + String.join(", ", positional) + ")")
                        + " besides its named options");
                ok = false;
            }
        }
        Positions positions = at.renamed(CallSite.byHead(head -> {
            if (!head.isEmpty() && Character.isDigit(head.charAt(0))) {
                int i = Integer.parseInt(head);
                return i < positional.size() ? kind.partOf(positional.get(i)) : null;
            }
            return kind.partOf(head);
        }));
        Map<String, Object> options = new LinkedHashMap<>();
        for (var entry : given.entrySet()) {
            OptionSpec option = kind.option(entry.getKey());
            if (option == null) {
                problem(at.position(), file.vocabulary().unknownOption(kind.name(), entry.getKey(), null));
                ok = false;
                continue;
            }
            try {
                Object value = option.type() == OptionType.COMMAND ? Options.command(entry.getValue())
                        : Options.plain(entry.getValue());
                options.put(option.name(), option.convert(value, entry.getKey()));
            } catch (OptionValueException | ExpressionException e) {
                problem(positions.at(kind.partOf(option.name())), e.getMessage());
                ok = false;
            }
        }
        if (ok) {
            try {
                TaskKind.Context context = new TaskKind.Context(Path.of(file.displayName()), params, positions);
                return new BodyCall(kind.name(), kind.body(options, context), positions);
            } catch (RuleException e) {
                problem(positions.at(e.part()), e.getMessage());
            }
        }
        return new BodyCall(kind.name(), new TaskBody.Shell("true", Map.of(), null), positions);
    }

    TaskHandle task(CallSite at, Map<String, ?> options, String name, BodyCall body, String inputFrom,
                    List<String> after, boolean fanOut) {
        TaskOptions draft = new TaskOptions(this, at);
        draft.after.addAll(after);
        List<String> allowed = file.vocabulary().word(fanOut ? "map" : "task").options();
        for (var entry : options.entrySet()) {
            String key = entry.getKey();
            if (!allowed.contains(key)) {
                problem(at.position(), file.vocabulary().unknownOption(fanOut ? "map" : "task", key,
                        body == null ? null : body.kind()));
                continue;
            }
            try {
                draft.apply(key, entry.getValue());
            } catch (OptionValueException e) {
                problem(at.parts().at(key), e.getMessage());
            }
        }
        if (fanOut && draft.over == null && !options.containsKey("over")) {
            problem(at.position(), "map '" + name + "' needs over: the items to fan out over, e.g. over: files");
            draft.over = new ItemSource.Items(List.of());
        }
        Positions positions = new Positions.Builder(at.position()).all("", at.renamed(TaskOptions::part))
                .all("body", body.positions).build();
        tasks.add(new TaskSpec(name, draft.executor, body.body, draft.timeout, draft.retry(positions), draft.after,
                inputFrom, draft.over, draft.optional, draft.callbacks(), at.position(), positions, draft.description,
                draft.memberPool, draft.caching(positions), draft.when));
        return new TaskHandle(this, name);
    }

    /** A stage after {@code upstream}; without {@code on:} it runs where its upstream runs. */
    TaskHandle then(String upstream, Map<String, ?> options, String name, Closure<?> body) {
        CallSite at = call();
        TaskSpec previous = tasks.stream().filter(t -> t.name().equals(upstream)).findFirst().orElse(null);
        if (!options.containsKey("on") && previous != null && previous.executor() != null) {
            Map<String, Object> withExecutor = new LinkedHashMap<>(options);
            withExecutor.put("on", previous.executor());
            options = withExecutor;
        }
        BodyCall code = new BodyCall("closure", new TaskBody.Code(new ClosureCode(body, source,
                SourceText.lastClosure(at, source.text()))),
                Positions.of(at.position()));
        return task(at, options, name, code, upstream, List.of(upstream), false);
    }

    Job build() {
        List<ExecutorSpec> specs = new ArrayList<>();
        for (ScriptExecutor executor : executors) {
            specs.add(new ExecutorSpec(executorName(executor), executor.kind, executor.workers, executor.options,
                    executor.position));
        }
        return new Job(file.displayName(), description, params.texts(), specs, tasks,
                new JobCallbacks(always, onSuccess, onFailure), timeout, halt, params.declared(), jobPositions.build(),
                defaultTasks, output, dotenv, secrets);
    }
}
