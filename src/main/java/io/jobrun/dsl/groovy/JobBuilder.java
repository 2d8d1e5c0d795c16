package io.jobrun.dsl.groovy;

import groovy.lang.Closure;
import io.jobrun.job.Callback;
import io.jobrun.job.Durations;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.HaltPolicy;
import io.jobrun.job.ItemSource;
import io.jobrun.job.Job;
import io.jobrun.job.JobCallbacks;
import io.jobrun.job.OptionSpec;
import io.jobrun.job.OptionValueException;
import io.jobrun.job.Problem;
import io.jobrun.job.RetryPolicy;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.Suggestions;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskCallbacks;
import io.jobrun.job.TaskSpec;
import io.jobrun.job.expr.ExpressionException;
import io.jobrun.job.expr.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects what the job file declares while its top level runs, with positions, and builds the job model. */
final class JobBuilder {
    private final JobFile file;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final List<ScriptExecutor> executors = new ArrayList<>();
    private final List<TaskSpec> tasks = new ArrayList<>();
    private final List<Callback> always = new ArrayList<>();
    private final List<Callback> onSuccess = new ArrayList<>();
    private final List<Callback> onFailure = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private String description;
    private Duration timeout;
    private HaltPolicy halt = HaltPolicy.RUN_ALL;
    private int unnamedExecutors;
    /** The file's text and parameters, which its closures carry to worker processes. */
    private final ScriptSource source;

    /** @param text the job file's source, or null where no closure will be sent to a worker (in a worker) */
    JobBuilder(JobFile file, Map<String, String> commandLineParams, String text) {
        this.file = file;
        params.putAll(commandLineParams);
        this.source = new ScriptSource(file, text, params);
    }

    ScriptSource source() {
        return source;
    }

    JobFile file() {
        return file;
    }

    Map<String, String> params() {
        return params;
    }

    List<Problem> problems() {
        return problems;
    }

    /** The position the compile step recorded for the DSL call now running, else the nearest job-file line. */
    SourcePosition here() {
        SourcePosition position = ScriptRuntime.POSITION.get();
        ScriptRuntime.POSITION.remove();
        return position != null ? position : UserErrors.where(new Throwable(), file);
    }

    void problem(SourcePosition at, String message) {
        problems.add(new Problem(at, message));
    }

    /**
     * Reads the {@code ${...}} expressions of {@code text} (a single-quoted string the job renders per attempt), so that
     * --check finds what cannot be read, such as a method outside the documented set; false after reporting.
     */
    boolean checkExpressions(SourcePosition at, String text) {
        if (!Template.hasExpressions(text)) {
            return true;
        }
        try {
            Template.parse(text);
            return true;
        } catch (ExpressionException e) {
            problem(at, "invalid expression: " + e.getMessage());
            return false;
        }
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

    void paramDefaults(Map<String, ?> defaults) {
        defaults.forEach((key, value) -> params.putIfAbsent(key, String.valueOf(value)));
    }

    void timeout(SourcePosition at, Object value) {
        try {
            timeout = Options.duration("timeout", value);
        } catch (OptionValueException e) {
            problem(at, e.getMessage());
        }
    }

    void halt(SourcePosition at, String keyword) {
        HaltPolicy policy = HaltPolicy.fromKeyword(keyword);
        if (policy == null) {
            problem(at, "unknown halt policy '" + keyword + "' (expected one of " + String.join(", ",
                    HaltPolicy.keywords()) + ")" + Suggestions.hint(keyword, HaltPolicy.keywords()));
        } else {
            halt = policy;
        }
    }

    void callback(List<Callback> list, Closure<?> closure) {
        list.add(new ClosureCode(closure, source));
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
    Map<String, Object> executorOptions(ExecutorKind kind, Map<String, ?> options,
                                        java.util.function.Consumer<String> problems) {
        Map<String, Object> converted = new LinkedHashMap<>();
        List<String> declared = file.vocabulary().word(kind.name()).options();
        for (var entry : options.entrySet()) {
            OptionSpec option = kind.option(entry.getKey());
            if (option == null) {
                problems.accept(Suggestions.unknown(kind.name() + " option", entry.getKey(), declared));
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

    private String executorName(ScriptExecutor executor) {
        if (executor.name == null) {
            executor.name = executor.kind + "-" + ++unnamedExecutors;
        }
        return executor.name;
    }

    TaskHandle task(SourcePosition at, Map<String, ?> options, String name, TaskBody body, String inputFrom,
                    List<String> after, boolean fanOut) {
        TaskSpecDraft draft = new TaskSpecDraft();
        draft.after.addAll(after);
        List<String> allowed = file.vocabulary().word(fanOut ? "map" : "task").options();
        for (var entry : options.entrySet()) {
            String key = entry.getKey();
            if (!allowed.contains(key)) {
                unknownOption(at, fanOut ? "map" : "task", key);
                continue;
            }
            convert(at, () -> {
                draft.apply(key, entry.getValue());
                return null;
            });
        }
        if (fanOut && draft.over == null && !options.containsKey("over")) {
            problem(at, "map '" + name + "' needs over: the items to fan out over, e.g. over: files");
            draft.over = new ItemSource.Items(List.of());
        }
        tasks.add(new TaskSpec(name, draft.executor, body, draft.timeout, draft.retry(), draft.after, inputFrom,
                draft.over, draft.optional, draft.callbacks(), at));
        return new TaskHandle(this, name);
    }

    /** A stage after {@code upstream}; without {@code on:} it runs where its upstream runs. */
    TaskHandle then(String upstream, Map<String, ?> options, String name, Closure<?> body) {
        SourcePosition at = here();
        TaskSpec previous = tasks.stream().filter(t -> t.name().equals(upstream)).findFirst().orElse(null);
        if (!options.containsKey("on") && previous != null && previous.executor() != null) {
            Map<String, Object> withExecutor = new LinkedHashMap<>(options);
            withExecutor.put("on", previous.executor());
            options = withExecutor;
        }
        return task(at, options, name, new TaskBody.Code(new ClosureCode(body, source)), upstream, List.of(upstream),
                false);
    }

    private void unknownOption(SourcePosition at, String method, String key) {
        Vocabulary.Word word = file.vocabulary().word(method);
        problem(at, Suggestions.unknown(word.optionNoun(), key, word.options()));
    }

    private <T> T convert(SourcePosition at, java.util.function.Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (OptionValueException e) {
            problem(at, e.getMessage());
            return null;
        }
    }

    /** The options of one task, converted; defaults where an option is missing or wrong. */
    private final class TaskSpecDraft {
        String executor;
        Duration timeout;
        int retries;
        Duration delay = Duration.ZERO;
        double factor = 1;
        Duration cap;
        List<String> retryOn = List.of();
        final List<String> after = new ArrayList<>();
        ItemSource over;
        boolean optional;
        Callback success;
        Callback failure;
        Callback timedOut;
        Callback done;

        void apply(String key, Object value) {
            switch (key) {
                case "on" -> executor = value instanceof ScriptExecutor pool ? executorName(pool) : text(key, value);
                case "timeout" -> timeout = Options.duration(key, value);
                case "retries" -> retries = Options.count(key, value);
                case "backoff" -> backoff(value);
                case "retryOn" -> retryOn = retryConditions(strings(key, value));
                case "after" -> after.addAll(strings(key, value));
                case "optional" -> optional = bool(key, value);
                case "over" -> over = items(value);
                case "onSuccess" -> success = closure(key, value);
                case "onFailure" -> failure = closure(key, value);
                case "onTimeout" -> timedOut = closure(key, value);
                case "onDone" -> done = closure(key, value);
                default -> throw new IllegalStateException("option " + key + " is allowed but not handled");
            }
        }

        private void backoff(Object value) {
            if (!(value instanceof Map<?, ?> map)) {
                delay = Options.duration("backoff", value);
                return;
            }
            for (var entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                switch (key) {
                    case "delay" -> delay = Options.duration("backoff delay", entry.getValue());
                    case "max" -> cap = Options.duration("backoff max", entry.getValue());
                    case "factor" -> {
                        if (!(entry.getValue() instanceof Number number) || number.doubleValue() < 1) {
                            throw new OptionValueException("backoff factor must be a number of at least 1, got "
                                    + Options.describe(entry.getValue()));
                        }
                        factor = number.doubleValue();
                    }
                    default -> throw new OptionValueException(Suggestions.unknown("backoff option", key,
                            Vocabulary.BACKOFF_OPTIONS));
                }
            }
        }

        private List<String> retryConditions(List<String> conditions) {
            for (String condition : conditions) {
                boolean exceptionName = !condition.isEmpty() && Character.isUpperCase(condition.charAt(0));
                if (!exceptionName && !RetryPolicy.CONDITIONS.contains(condition)) {
                    throw new OptionValueException("unknown retryOn condition '" + condition + "' (expected "
                            + "timeout, error or an exception name such as IOException)"
                            + Suggestions.hint(condition, RetryPolicy.CONDITIONS));
                }
            }
            return conditions;
        }

        RetryPolicy retry() {
            return new RetryPolicy(Math.max(0, retries), delay, factor, cap, retryOn);
        }

        TaskCallbacks callbacks() {
            return new TaskCallbacks(success, failure, timedOut, done);
        }

        private String text(String key, Object value) {
            if (value instanceof CharSequence text) {
                return text.toString();
            }
            throw new OptionValueException(key + " must be a name, got " + Options.describe(value));
        }

        private List<String> strings(String key, Object value) {
            List<String> names = new ArrayList<>();
            Iterable<?> values = value instanceof Iterable<?> list ? list : List.of(value);
            for (Object element : values) {
                names.add(element instanceof TaskHandle handle ? handle.getName() : text(key, element));
            }
            return names;
        }

        private boolean bool(String key, Object value) {
            if (value instanceof Boolean flag) {
                return flag;
            }
            throw new OptionValueException(key + " must be true or false, got " + Options.describe(value));
        }

        private Callback closure(String key, Object value) {
            if (value instanceof Closure<?> closure) {
                return new ClosureCode(closure, source);
            }
            throw new OptionValueException(key + " must be a closure { t -> ... }, got " + Options.describe(value));
        }

        private ItemSource items(Object value) {
            if (value instanceof ItemSource source) {
                return source;
            }
            if (value instanceof Iterable<?> iterable) {
                List<Object> list = new ArrayList<>();
                iterable.forEach(list::add);
                return new ItemSource.Items(list);
            }
            if (value instanceof Object[] array) {
                return new ItemSource.Items(Arrays.asList(array));
            }
            throw new OptionValueException("over must be a list of items, files('glob'), lines('file') or "
                    + "resultOf('task'), got " + Options.describe(value));
        }
    }

    Job build() {
        List<ExecutorSpec> specs = new ArrayList<>();
        for (ScriptExecutor executor : executors) {
            specs.add(new ExecutorSpec(executorName(executor), executor.kind, executor.workers, executor.options,
                    executor.position));
        }
        return new Job(file.displayName(), description, params, specs, tasks,
                new JobCallbacks(always, onSuccess, onFailure), timeout, halt);
    }

    static String describeDuration(Duration duration) {
        return Durations.describe(duration);
    }
}
