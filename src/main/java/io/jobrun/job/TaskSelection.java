package io.jobrun.job;

import io.jobrun.job.text.Suggestions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which tasks of a job run: those named on the command line (or in the job's {@code default:}), and every task they
 * depend on through {@code after:}, {@code then} and {@code resultOf}, walked on the model. A name may be a
 * {@link NamePattern}: {@code build-*} selects every task it matches, {@code analyze[a*]} only the items of the
 * fan-out {@code analyze} whose row names match (unless another selected task needs all of {@code analyze}).
 */
public final class TaskSelection {
    private static final TaskSelection EVERYTHING = new TaskSelection(null, Map.of());

    /** Names of the tasks selected with all their items; null when everything is. */
    private final Set<String> whole;
    /** Fan-outs selected in part, by name: the patterns one of which an item's row name must match. */
    private final Map<String, List<NamePattern>> items;

    private TaskSelection(Set<String> whole, Map<String, List<NamePattern>> items) {
        this.whole = whole == null ? null : Collections.unmodifiableSet(whole);
        this.items = Collections.unmodifiableMap(items);
    }

    /** Every task of the job. */
    public static TaskSelection everything() {
        return EVERYTHING;
    }

    /** A name given that no task of the job answers to; the message says so, with a "did you mean" when one is close. */
    public static final class UnknownTaskException extends Exception {
        private final boolean suggested;

        UnknownTaskException(String message, boolean suggested) {
            super(message);
            this.suggested = suggested;
        }

        /** Whether the message names a task the user probably meant. */
        public boolean suggested() {
            return suggested;
        }
    }

    /**
     * The tasks {@code names} select in {@code job} with what they depend on; with no names, the job's
     * {@code default:}, or else every task.
     *
     * @throws UnknownTaskException for the first name that matches no task
     */
    public static TaskSelection of(Job job, List<String> names) throws UnknownTaskException {
        List<String> wanted = names.isEmpty() ? job.defaultTasks() : names;
        if (wanted.isEmpty()) {
            return EVERYTHING;
        }
        Set<String> whole = new LinkedHashSet<>();
        Map<String, List<NamePattern>> items = new LinkedHashMap<>();
        for (String name : wanted) {
            NamePattern pattern = new NamePattern(name);
            Match match = match(job, pattern);
            if (match.isEmpty()) {
                throw unknown(job, pattern);
            }
            whole.addAll(match.whole());
            match.fanOuts().forEach(fanOut -> items.computeIfAbsent(fanOut, k -> new ArrayList<>()).add(pattern));
        }
        withUpstreams(job, whole, items.keySet());
        items.keySet().removeAll(whole);
        return new TaskSelection(whole, items);
    }

    /**
     * What one pattern matches: the tasks whose names it matches, and the fan-outs whose items it may match
     * ({@code analyze[a*]}); both empty when it matches nothing.
     */
    public record Match(Set<String> whole, Set<String> fanOuts) {
        public boolean isEmpty() {
            return whole.isEmpty() && fanOuts.isEmpty();
        }
    }

    public static Match match(Job job, NamePattern pattern) {
        Set<String> whole = new LinkedHashSet<>();
        Set<String> fanOuts = new LinkedHashSet<>();
        NamePattern spec = pattern.spec();
        for (TaskSpec task : job.tasks()) {
            if (pattern.matches(task.name())) {
                whole.add(task.name());
            } else if (spec != null && task.fansOut() && spec.matches(task.name())) {
                fanOuts.add(task.name());
            }
        }
        return new Match(whole, fanOuts);
    }

    /** "no task 'buidl' (did you mean 'build'?)" or "no task matches 'zz*'". */
    static UnknownTaskException unknown(Job job, NamePattern pattern) {
        List<String> names = new ArrayList<>();
        job.tasks().forEach(task -> names.add(task.name()));
        if (pattern.isGlob()) {
            String near = nearPattern(pattern.text(), names);
            return new UnknownTaskException("no task matches '" + pattern + "'"
                    + (near == null ? "" : " (did you mean '" + near + "'?)"), near != null);
        }
        String hint = Suggestions.hint(pattern.text(), names);
        return new UnknownTaskException("no task '" + pattern + "'" + hint, !hint.isEmpty());
    }

    /**
     * A pattern like {@code glob} that matches a task, its text before the first wildcard (or, when it starts with
     * one, after the last) corrected to the closest task name's as a typo would be ({@code bild-*} to
     * {@code build-*}); null when no name is that close.
     */
    private static String nearPattern(String glob, List<String> names) {
        int first = firstWildcard(glob);
        int last = Math.max(glob.lastIndexOf('*'), glob.lastIndexOf('?'));
        boolean byPrefix = first > 0;
        String literal = byPrefix ? glob.substring(0, first) : glob.substring(last + 1);
        if (literal.isEmpty() || glob.contains("[")) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            for (int length = literal.length() - 1; length <= literal.length() + 1; length++) {
                if (length > 0 && length <= name.length()) {
                    parts.add(byPrefix ? name.substring(0, length) : name.substring(name.length() - length));
                }
            }
        }
        String part = Suggestions.closest(literal, parts).orElse(null);
        if (part == null) {
            return null;
        }
        String candidate = byPrefix ? part + glob.substring(first) : glob.substring(0, last + 1) + part;
        NamePattern near = new NamePattern(candidate);
        for (String name : names) {
            if (near.matches(name)) {
                return candidate;
            }
        }
        return null;
    }

    private static int firstWildcard(String glob) {
        int star = glob.indexOf('*');
        int question = glob.indexOf('?');
        return star < 0 ? question : question < 0 ? star : Math.min(star, question);
    }

    /**
     * Adds to {@code selected} every task that a selected task, or a fan-out selected in part, runs after or takes its
     * input from, transitively: those run with all their items.
     */
    private static void withUpstreams(Job job, Set<String> selected, Set<String> inPart) {
        Deque<String> todo = new ArrayDeque<>(selected);
        todo.addAll(inPart);
        while (!todo.isEmpty()) {
            TaskSpec task = job.task(todo.pop());
            if (task == null) {
                continue;
            }
            for (String upstream : task.upstreams()) {
                if (selected.add(upstream)) {
                    todo.push(upstream);
                }
            }
        }
    }

    /** Whether every task runs. */
    public boolean isEverything() {
        return whole == null;
    }

    /** Whether the task called {@code spec} runs, with all its items or some. */
    public boolean selects(String spec) {
        return whole == null || whole.contains(spec) || items.containsKey(spec);
    }

    /** Whether the item of fan-out {@code spec} whose row is called {@code rowName} runs. */
    public boolean selectsItem(String spec, String rowName) {
        if (whole == null || whole.contains(spec)) {
            return true;
        }
        for (NamePattern pattern : items.getOrDefault(spec, List.of())) {
            if (pattern.matches(rowName)) {
                return true;
            }
        }
        return false;
    }

    /** Whether only some items of fan-out {@code spec} run. */
    public boolean selectsSomeItems(String spec) {
        return whole != null && items.containsKey(spec);
    }
}
