package io.jobrun.dsl.groovy;

import groovy.lang.Closure;
import io.jobrun.job.CacheMode;
import io.jobrun.job.Caching;
import io.jobrun.job.Callback;
import io.jobrun.job.Condition;
import io.jobrun.job.ItemSource;
import io.jobrun.job.OptionType;
import io.jobrun.job.OptionValueException;
import io.jobrun.job.Positions;
import io.jobrun.job.RetryPolicy;
import io.jobrun.job.RuleException;
import io.jobrun.job.text.Excerpt;
import io.jobrun.job.text.Suggestions;
import io.jobrun.job.TaskCallbacks;
import io.jobrun.job.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The options of one {@code task}, {@code map} or {@code then} call, converted; what is missing or wrong keeps its
 * default, and the builder reports why. The names of the call's options become the model's parts here.
 */
final class TaskOptions {
    private final JobBuilder builder;
    private final CallSite at;
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
    CacheMode cache = CacheMode.STAT;
    boolean once;
    List<String> inputs = List.of();
    String description;
    String memberPool;
    Condition when;
    Callback success;
    Callback failure;
    Callback timedOut;
    Callback done;

    TaskOptions(JobBuilder builder, CallSite at) {
        this.builder = builder;
        this.at = at;
    }

    /** The model's part for a path of a task call: {@code retries} is {@code retry.count}; null for none. */
    static String part(String path) {
        return switch (path) {
            case "retries" -> "retry.count";
            case "backoff", "backoff.delay" -> "retry.delay";
            case "backoff.factor" -> "retry.factor";
            case "backoff.max" -> "retry.cap";
            default -> CallSite.byHead(head -> switch (head) {
                case "on", "timeout", "after", "optional", "over", "description", "memberPool", "when" -> head;
                case "cache" -> "caching.mode";
                case "once" -> "caching.once";
                case "inputs" -> "caching.inputs";
                case "retryOn" -> "retry.on";
                case "onSuccess", "onFailure", "onTimeout", "onDone" -> "callbacks." + head;
                default -> null;
            }).apply(path);
        };
    }

    /**
     * {@code when:} a value known now ({@code params.deploy}), or a template read when the task is ready.
     *
     * @param written      the text of the expression that gave the value, or null
     * @param doubleQuoted the value was a "..." string, filled in as the file loaded
     */
    private static Condition condition(Object value, String written, boolean doubleQuoted) {
        if (value instanceof Boolean bool) {
            return Condition.of(bool, written);
        }
        if (value instanceof String text) {
            Condition condition = new Condition(text);
            if (doubleQuoted && condition.problem() != null) {
                // NOTE: "${params.env} == prod" is filled in as the file loads, to a test of two fixed texts
                throw new OptionValueException("when: a \"...\" string is filled in as the file loads, here to "
                        + Excerpt.of(text) + "; compare in Groovy (when: params.env == 'prod'), or write the test in"
                        + " single quotes ('${params.env} == prod') to read it when the task is ready");
            }
            return condition;
        }
        throw new OptionValueException(Condition.TAKES + "; got " + Options.describe(value));
    }

    /** @throws OptionValueException when the value is not of the option's type */
    @SuppressWarnings("unchecked")
    void apply(String key, Object value) {
        Object plain = Options.plain(value);
        switch (key) {
            case "on" -> executor = value instanceof ScriptExecutor pool ? builder.executorName(pool)
                    : (String) OptionType.TEXT.convert(plain, key);
            case "timeout" -> timeout = (Duration) OptionType.DURATION.convert(plain, key);
            case "retries" -> retries = (Integer) OptionType.COUNT.convert(plain, key);
            case "backoff" -> backoff(value);
            case "retryOn" -> retryOn = (List<String>) OptionType.NAMES.convert(plain, key);
            case "after" -> after.addAll((List<String>) OptionType.NAMES.convert(names(value), key));
            case "optional" -> optional = (Boolean) OptionType.FLAG.convert(plain, key);
            case "description" -> description = (String) OptionType.TEXT.convert(plain, key);
            case "over" -> {
                // NOTE: a fan-out still when its items are wrong, so that ${item} in its body is no second problem
                over = new ItemSource.Items(List.of());
                over = items(value);
            }
            case "cache" -> cache = CacheMode.of(plain, key);
            case "once" -> once = (Boolean) OptionType.FLAG.convert(plain, key);
            case "inputs" -> inputs = (List<String>) OptionType.NAMES.convert(plain, key);
            case "memberPool" -> memberPool = (String) OptionType.TEXT.convert(plain, key);
            case "when" -> when = condition(plain, SourceText.option(at, key, builder.source().text()),
                    value instanceof groovy.lang.GString);
            case "onSuccess" -> success = closure(key, value);
            case "onFailure" -> failure = closure(key, value);
            case "onTimeout" -> timedOut = closure(key, value);
            case "onDone" -> done = closure(key, value);
            default -> throw new IllegalStateException("option " + key + " is allowed but not handled");
        }
    }

    private void backoff(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            delay = (Duration) OptionType.DURATION.convert(Options.plain(value), "backoff");
            return;
        }
        for (var entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object plain = Options.plain(entry.getValue());
            switch (key) {
                case "delay" -> delay = (Duration) OptionType.DURATION.convert(plain, "backoff delay");
                case "max" -> cap = (Duration) OptionType.DURATION.convert(plain, "backoff max");
                case "factor" -> factor = (Double) OptionType.NUMBER.convert(plain, "backoff factor");
                default -> throw new OptionValueException(Suggestions.unknown("backoff option", key,
                        Vocabulary.BACKOFF_OPTIONS));
            }
        }
    }

    /** The retry policy, or none after placing the rule it breaks. */
    RetryPolicy retry(Positions positions) {
        try {
            return new RetryPolicy(retries, delay, factor, cap, retryOn);
        } catch (RuleException e) {
            builder.problem(positions.at("retry." + e.part()), e.getMessage());
            return RetryPolicy.none();
        }
    }

    /** How a resume treats the task, or the default after placing the rule it breaks. */
    Caching caching(Positions positions) {
        try {
            return new Caching(cache, once, inputs);
        } catch (RuleException e) {
            builder.problem(positions.at("caching." + e.part()), e.getMessage());
            return Caching.DEFAULT;
        }
    }

    TaskCallbacks callbacks() {
        return new TaskCallbacks(success, failure, timedOut, done);
    }

    /** {@code after: [fetch, 'b']}: task handles stand for their names. */
    private static Object names(Object value) {
        if (value instanceof TaskHandle handle) {
            return handle.getName();
        }
        if (value instanceof Iterable<?> list) {
            List<Object> names = new ArrayList<>();
            list.forEach(element -> names.add(element instanceof TaskHandle handle ? handle.getName()
                    : Options.plain(element)));
            return names;
        }
        return Options.plain(value);
    }

    private Callback closure(String key, Object value) {
        if (value instanceof Closure<?> closure) {
            return new Callback.OfCode(new ClosureCode(closure, builder.source(), null),
                    Positions.of(at.parts().at(key)));
        }
        if (value instanceof BodyCall command) {
            return builder.shellCallback(command, "task", at.parts().at(key));
        }
        throw new OptionValueException(key + " must be a closure { t -> ... } or shell(...), got "
                + Values.describe(Options.plain(value)));
    }

    private static ItemSource items(Object value) {
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
        // NOTE: a map is a likely mistake (hosts by name), and Groovy iterates its entries, which name no item
        String map = value instanceof Map<?, ?> ? "; for a map's entries, make each an item: over: hosts.collect "
                + "{ name, ip -> [name: name, ip: ip] }" : "";
        throw new OptionValueException("over must be a list of items, files('glob'), lines('file'), "
                + "resultOf('task') or matrix(axis: [values]), got " + Values.describe(Options.plain(value)) + map);
    }
}
