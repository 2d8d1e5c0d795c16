package io.jobrun.dsl.groovy;

import io.jobrun.job.ExecutorKind;
import io.jobrun.job.Kinds;
import io.jobrun.job.OptionSpec;
import io.jobrun.job.TaskKind;
import io.jobrun.job.text.Suggestions;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.codehaus.groovy.runtime.DefaultGroovyMethods;
import org.codehaus.groovy.runtime.DefaultGroovyStaticMethods;

/**
 * The Groovy DSL's words in one table: for each, the named options it takes, whether the model records where it is
 * written, and whether the closures given to it are checked for unknown names. The executor kinds come from their
 * registry, so a new kind is a word here without a line of this class changing.
 */
final class Vocabulary {
    /**
     * One word of the DSL.
     *
     * @param name          as a job file calls it: {@code task}
     * @param optionNoun    how messages name its options: "task option"
     * @param options       the named options it takes, empty for none
     * @param positioned    whether the model records where a call of it is written
     * @param checksClosure whether the closures given to it are checked for unknown names (they run as job code)
     * @param closureGets   what the run calls a closure given to it with ("one value, the item"), for a closure
     *                      that needs more; null where the run does not call it
     */
    record Word(String name, String optionNoun, List<String> options, boolean positioned, boolean checksClosure,
                String closureGets) {
        Word {
            options = List.copyOf(options);
        }

        Word(String name, String optionNoun, List<String> options, boolean positioned, boolean checksClosure) {
            this(name, optionNoun, options, positioned, checksClosure, null);
        }
    }

    /**
     * The words that declare part of the job, which its top level calls while the file is read: called from a task's
     * or a callback's code they are refused ({@link JobScript}, and before anything runs, {@link DslCheck}).
     */
    static final Set<String> DECLARATIONS = Set.of("description", "params", "timeout", "halt", "defaultTasks",
            "output", "dotenv", "secrets", "always", "onSuccess", "onFailure", "executor", "task", "map");

    /** The task options that are callbacks, each called with the task: {@code onFailure: { t -> ... }}. */
    static final List<String> CALLBACK_OPTIONS = List.of("onSuccess", "onFailure", "onTimeout", "onDone");
    /** What the run calls a task option's callback with. */
    static final String CALLBACK_GETS = "one value, the task";

    /** The words that declare a task, each given its body beside its options. */
    private static final Set<String> DECLARES_TASK = Set.of("task", "map", "then");

    static final List<String> TASK_OPTIONS = List.of("on", "timeout", "retries", "backoff", "retryOn", "after",
            "when", "optional", "description", "memberPool", "cache", "once", "inputs", "onSuccess", "onFailure",
            "onTimeout", "onDone");
    static final List<String> MAP_OPTIONS = concat(TASK_OPTIONS, "over");
    static final List<String> BACKOFF_OPTIONS = List.of("delay", "factor", "max");
    static final List<String> AS_COMPLETED_OPTIONS = List.of("timeout");
    /** As Python's {@code wait(fs, timeout, return_when)}, whose return_when Groovy spells returnWhen. */
    static final List<String> WAIT_OPTIONS = List.of("timeout", "returnWhen");
    /** The options of {@code pool.map(items, ...) { }}, as Python's {@code executor.map}. */
    static final List<String> POOL_MAP_OPTIONS = List.of("timeout", "chunksize", "buffersize");
    /** Options whose value is a duration, checked while the file compiles when written as a constant. */
    static final Set<String> DURATION_OPTIONS = Set.of("timeout", "delay", "max", "backoff");

    /** The words every job file has, whatever executor kinds are registered. */
    private static final List<Word> BASE = List.of(
            new Word("description", "", List.of(), true, false),
            new Word("params", "", List.of(), true, false),
            new Word("timeout", "", List.of(), true, false),
            new Word("halt", "", List.of(), true, false),
            new Word("defaultTasks", "", List.of(), true, false),
            new Word("output", "", List.of(), true, false),
            new Word("dotenv", "", List.of(), true, false),
            new Word("secrets", "", List.of(), true, false),
            new Word("always", "", List.of(), true, true, "one value, the run"),
            new Word("onSuccess", "", List.of(), true, true, "one value, the run"),
            new Word("onFailure", "", List.of(), true, true, "one value, the task that failed"),
            new Word("executor", "", List.of(), true, false),
            new Word("task", "task option", TASK_OPTIONS, true, true, "at most one value, what the task is given"),
            new Word("map", "task option", MAP_OPTIONS, true, true, "one value, the item"),
            new Word("then", "task option", TASK_OPTIONS, true, true, "one value, the result of the task before it"),
            new Word("raw", "", List.of(), true, false),
            new Word("files", "", List.of(), true, false),
            new Word("lines", "", List.of(), true, false),
            new Word("resultOf", "", List.of(), true, false),
            new Word("matrix", "", List.of(), true, false),
            new Word("asCompleted", "asCompleted option", AS_COMPLETED_OPTIONS, false, false),
            new Word("wait", "wait option", WAIT_OPTIONS, false, false));

    /** Read off JobScript and Groovy's methods by reflection: only when a file compiles or a name is unknown. */
    private static final class Script {
        static final Set<String> METHODS = collectMethods();
        static final Set<String> PROPERTIES = collectProperties();
    }

    private final Map<String, Word> words = new LinkedHashMap<>();
    private final Kinds kinds;

    private Vocabulary(Kinds kinds) {
        this.kinds = kinds;
        for (Word word : BASE) {
            words.put(word.name(), word);
        }
        for (ExecutorKind kind : kinds.executors().all()) {
            List<String> options = new ArrayList<>();
            if (kind.workersOption() != null) {
                options.add(kind.workersOption());
            }
            options.addAll(names(kind.options()));
            words.put(kind.name(), new Word(kind.name(), kind.name() + " option", options, true, false));
        }
        for (TaskKind kind : kinds.tasks().all()) {
            words.put(kind.name(), new Word(kind.name(), kind.name() + " option", names(kind.options()), true, false));
        }
    }

    static Vocabulary of(Kinds kinds) {
        return new Vocabulary(kinds);
    }

    Kinds kinds() {
        return kinds;
    }

    private static List<String> names(List<OptionSpec> options) {
        List<String> names = new ArrayList<>();
        options.forEach(option -> names.add(option.name()));
        return names;
    }

    /** Whether option {@code option} of word {@code word} takes a duration, so that a constant can be checked early. */
    boolean takesDuration(String word, String option) {
        ExecutorKind executorKind = kinds.executors().find(word);
        TaskKind taskKind = kinds.tasks().find(word);
        if (executorKind != null || taskKind != null) {
            OptionSpec spec = executorKind != null ? executorKind.option(option) : taskKind.option(option);
            return spec != null && spec.type() == io.jobrun.job.OptionType.DURATION;
        }
        return DURATION_OPTIONS.contains(option);
    }

    /** The word called {@code name}, or null when it is not part of the DSL. */
    Word word(String name) {
        return words.get(name);
    }

    /**
     * What is wrong with option {@code option} of a call of {@code word}, which does not take it: where it goes when
     * it is the task's and was written in its body ({@code shell('make', timeout: '5s')}) or the body's and was
     * written beside it ({@code task 'x', shell('make'), env: [...]}), else the closest option or the list of them.
     *
     * @param bodyKind the task kind of the body given beside a task's options, or null for code or none
     */
    String unknownOption(String word, String option, String bodyKind) {
        Word called = words.get(word);
        if (kinds.tasks().find(word) != null && TASK_OPTIONS.contains(option)) {
            return Suggestions.misplaced(called.optionNoun(), option, "the task's", "beside " + word
                    + "(...), as in task 'x', " + word + "(...), " + option + ": ...");
        }
        if (DECLARES_TASK.contains(word) && kinds.tasks().find(option) != null) {
            // NOTE: as YAML writes it (shell: make): in Groovy the body is a call of its own
            return "unknown " + called.optionNoun() + " '" + option + "': a task's body is a call of its own, not an"
                    + " option: " + (word.equals("then") ? "." : "") + word + "('x', " + option + "('...'))";
        }
        if (word.equals("task") && Suggestions.means(option, "over")) {
            return "unknown " + called.optionNoun() + " '" + option + "': a fan-out is declared with map, whose over:"
                    + " gives the items, one task each: map('x', over: [...]) { item -> ... }";
        }
        Word body = bodyKind == null || kinds.tasks().find(bodyKind) == null ? null : words.get(bodyKind);
        if (body != null && body.options().contains(option)) {
            return Suggestions.misplaced(called.optionNoun(), option, bodyKind + "'s", "inside " + bodyKind
                    + "(...), as in " + bodyKind + "(..., " + option + ": ...)");
        }
        if (kinds.executors().find(word) != null) {
            return Suggestions.unknownExecutorOption(word, option, called.options());
        }
        return Suggestions.unknown(called.optionNoun(), option, called.options());
    }

    /** The DSL's own words, for "did you mean" before any other name. */
    Set<String> keywords() {
        return Collections.unmodifiableSet(words.keySet());
    }

    /** Every method a job file may call without declaring it: the DSL, Script's own, and Groovy's on Object. */
    Set<String> methods() {
        Set<String> all = new TreeSet<>(Script.METHODS);
        all.addAll(words.keySet());
        return all;
    }

    /** Every name a job file may read without declaring it. */
    Set<String> properties() {
        return Script.PROPERTIES;
    }

    /** Every word with its options and flags, one per line: what a compile checked against (for its cache key). */
    String signature() {
        // NOTE: spelled out rather than the record's toString, whose first call links a method handle chain that the
        // start-up cache cannot keep: tens of milliseconds on every run of a kept file.
        StringBuilder text = new StringBuilder();
        for (Word word : words.values()) {
            text.append(word.name()).append('|').append(word.optionNoun()).append('|')
                    .append(String.join(",", word.options())).append('|').append(word.positioned()).append('|')
                    .append(word.checksClosure()).append('|').append(word.closureGets()).append('\n');
        }
        return text.toString();
    }

    private static List<String> concat(List<String> list, String extra) {
        List<String> all = new ArrayList<>(list);
        all.add(extra);
        return List.copyOf(all);
    }

    private static Set<String> collectMethods() {
        Set<String> names = new TreeSet<>();
        for (Method method : JobScript.class.getMethods()) {
            names.add(method.getName());
        }
        names.remove("methodMissing");
        for (Class<?> helpers : new Class<?>[] {DefaultGroovyMethods.class, DefaultGroovyStaticMethods.class}) {
            for (Method method : helpers.getMethods()) {
                Class<?>[] parameters = method.getParameterTypes();
                if (Modifier.isStatic(method.getModifiers()) && parameters.length > 0
                        && parameters[0].isAssignableFrom(JobScript.class)) {
                    names.add(method.getName());
                }
            }
        }
        return Collections.unmodifiableSet(names);
    }

    private static Set<String> collectProperties() {
        Set<String> names = new TreeSet<>(Set.of("out", "binding", "args", "metaClass", "class", "properties",
                "params", "results", "this", "super"));
        for (Method method : JobScript.class.getMethods()) {
            String name = method.getName();
            if (name.startsWith("get") && name.length() > 3 && method.getParameterCount() == 0) {
                names.add(Character.toLowerCase(name.charAt(3)) + name.substring(4));
            }
        }
        return Collections.unmodifiableSet(names);
    }
}
