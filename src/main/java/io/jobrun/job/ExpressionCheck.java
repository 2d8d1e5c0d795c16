package io.jobrun.job;

import io.jobrun.job.expr.Expression;
import io.jobrun.job.expr.ExpressionException;
import io.jobrun.job.expr.ShellTemplate;
import io.jobrun.job.expr.Template;
import io.jobrun.job.text.Suggestions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the {@code ${...}} expressions of a job before anything runs, whichever syntax wrote them: they parse, use
 * a name their place offers ({@code params}, {@code item}, {@code results} in a task's text; {@code task} or
 * {@code run} in a callback's), name a declared parameter, and read the result of a task that finishes first.
 */
public final class ExpressionCheck {
    private final Job job;
    private final Map<String, String> params;
    private final List<Problem> problems;
    /** What is allowed but risky: each {@code ${raw(...)}} in a shell command. */
    private final List<Problem> warnings = new ArrayList<>();

    ExpressionCheck(Job job, List<Problem> problems) {
        this(job, job.params(), problems);
    }

    private ExpressionCheck(Job job, Map<String, String> params, List<Problem> problems) {
        this.job = job;
        this.params = params;
        this.problems = problems;
    }

    List<Problem> warnings() {
        return warnings;
    }

    /**
     * The problems of one text read before any task runs, such as a YAML {@code foreach} source.
     *
     * @param roots  the names it may use, each with null when it may, or the reason it may not
     * @param params the parameters it may read
     */
    public static List<Problem> check(String text, Positions positions, String part, Map<String, String> roots,
                                      Map<String, String> params) {
        List<Problem> found = new ArrayList<>();
        new ExpressionCheck(null, params, found).text(text, positions, part, roots);
        return found;
    }

    void check() {
        for (TaskSpec task : job.tasks()) {
            Map<String, String> roots = taskRoots(task);
            ItemKeys itemKeys = itemKeys(task);
            List<Reference> references = new ArrayList<>();
            task.body().templates().forEach((path, text) -> {
                references.addAll(text(text, task.positions(), "body." + path, roots, itemKeys));
                if (isShellCommand(task.body(), path)) {
                    shellCommand(text, task.positions(), "body." + path);
                }
            });
            if (task.when() != null) {
                references.addAll(condition(task));
            }
            List<String> inputs = task.caching().inputs();
            for (int i = 0; i < inputs.size(); i++) {
                references.addAll(text(inputs.get(i), task.positions(), "caching.inputs." + i, roots, itemKeys));
            }
            checkReferences(task, references);
            TaskCallbacks callbacks = task.callbacks();
            for (Callback callback : new Callback[] {callbacks.onSuccess(), callbacks.onFailure(),
                callbacks.onTimeout(), callbacks.onDone()}) {
                callback(callback, "task");
            }
        }
        job.callbacks().always().forEach(callback -> callback(callback, "run"));
        job.callbacks().onSuccess().forEach(callback -> callback(callback, "run"));
        job.callbacks().onFailure().forEach(callback -> callback(callback, "task"));
    }

    /** The keys of a fan-out's items: those every item has, and those some item has. */
    private record ItemKeys(Set<String> every, Set<String> some) {
    }

    /**
     * The keys of {@code task}'s items, when they are known before the run and are all maps (a matrix, a list of
     * maps); else null, and {@code ${item.x}} is checked as it is rendered.
     */
    private static ItemKeys itemKeys(TaskSpec task) {
        if (!(task.over() instanceof ItemSource.Items items) || items.items().isEmpty()) {
            return null;
        }
        Set<String> every = null;
        Set<String> some = new java.util.LinkedHashSet<>();
        for (Object item : items.items()) {
            if (!(item instanceof Map<?, ?> map)) {
                return null;
            }
            Set<String> keys = new java.util.LinkedHashSet<>();
            map.keySet().forEach(key -> keys.add(String.valueOf(key)));
            some.addAll(keys);
            if (every == null) {
                every = keys;
            } else {
                every.retainAll(keys);
            }
        }
        return new ItemKeys(every, some);
    }

    /** The names a task's text may use, each with null when it may, or the reason it may not. */
    private static Map<String, String> taskRoots(TaskSpec task) {
        Map<String, String> roots = new LinkedHashMap<>();
        roots.put("params", null);
        roots.put("env", null);
        roots.put("item", task.fansOut() ? null : "${item} is the item of a fan-out, and task '" + task.name()
                + "' does not fan out");
        roots.put("results", null);
        roots.put("task", "a task's text sees params, env, item and results; ${task...} is for callbacks");
        roots.put("run", "a task's text sees params, env, item and results; ${run...} is for job callbacks");
        return roots;
    }

    /**
     * A task's {@code when:}: true, false or one {@code ${...}}, which may read what the task's text reads but its
     * item, as it is decided once for the whole task, before a fan-out's items are read.
     */
    private List<Reference> condition(TaskSpec task) {
        String problem = task.when().problem();
        if (problem != null) {
            problem(task.positions().at("when"), problem);
            return List.of();
        }
        Map<String, String> roots = taskRoots(task);
        roots.put("item", "when: is decided once for the whole task, before its items; to leave items out, leave"
                + " them out of its items");
        return text(task.when().text(), task.positions(), "when", roots);
    }

    private void callback(Callback callback, String subject) {
        Map<String, String> roots = new LinkedHashMap<>();
        roots.put("params", null);
        roots.put("env", null);
        roots.put(subject, null);
        String other = subject.equals("task") ? "run" : "task";
        roots.put(other, "this callback sees ${" + subject + "...}, not ${" + other + "...}");
        roots.put("item", "callbacks see ${" + subject + "...}, not ${item}");
        roots.put("results", "callbacks see ${" + subject + "...}, not ${results...}");
        switch (callback) {
            case null -> {
            }
            case Callback.Print print -> text(print.text(), print.positions(), "text", roots);
            case Callback.Shell shell -> shell.command().texts().forEach((path, text) -> {
                text(text, shell.positions(), path, roots);
                if (path.equals("command")) {
                    shellCommand(text, shell.positions(), path);
                }
            });
            case Callback.OfCode code -> {
            }
        }
    }

    private static boolean isShellCommand(TaskBody body, String path) {
        return path.equals("command") && body instanceof TaskBody.Templated templated
                && templated.body() instanceof TaskBody.Shell;
    }

    /**
     * A shell command's values must reach the shell as data ({@link ShellTemplate}): each expression must stand where
     * a variable can carry it; each {@code ${raw(...)}}, which pastes code, is a warning. Text whose expressions do
     * not parse is reported by {@link #text}.
     */
    private void shellCommand(String text, Positions positions, String part) {
        try {
            Template.parse(text);
        } catch (ExpressionException e) {
            return;
        }
        try {
            for (Expression raw : ShellTemplate.parse(text).rawExpressions()) {
                warnings.add(new Problem(positions.inText(part, raw.offset()),
                        ShellTemplate.rawWarning("${" + raw.text() + "}")));
            }
        } catch (ExpressionException e) {
            problem(positions.inText(part, e.offset()), e.getMessage());
        }
    }

    /** A {@code ${results.x}} in a task's text, checked once every task is known. */
    private record Reference(String task, SourcePosition position) {
    }

    private List<Reference> text(String text, Positions positions, String part, Map<String, String> roots) {
        return text(text, positions, part, roots, null);
    }

    /**
     * Checks one text; returns the results it reads.
     *
     * @param itemKeys the keys of the items, or null when they are not all maps known before the run
     */
    private List<Reference> text(String text, Positions positions, String part, Map<String, String> roots,
                                 ItemKeys itemKeys) {
        List<Reference> references = new ArrayList<>();
        if (!Template.hasExpressions(text)) {
            return references;
        }
        Template template;
        try {
            template = Template.parse(text);
        } catch (ExpressionException e) {
            problem(positions.inText(part, e.offset()), "invalid expression: " + e.getMessage());
            return references;
        }
        for (Expression expression : template.expressions()) {
            SourcePosition position = positions.inText(part, expression.offset());
            String root = expression.root();
            String first = expression.firstProperty();
            if (!roots.containsKey(root)) {
                List<String> allowed = roots.entrySet().stream().filter(e -> e.getValue() == null)
                        .map(Map.Entry::getKey).toList();
                problem(position, "unknown name '" + root + "' in ${" + expression.text() + "} (expected "
                        + String.join(", ", allowed) + "; write $${ for a literal ${)"
                        + Suggestions.hint(root, roots.keySet()));
            } else if (roots.get(root) != null) {
                problem(position, "${" + expression.text() + "}: " + roots.get(root));
            } else if (root.equals("params") && first != null && !params.containsKey(first)) {
                problem(position, "unknown parameter '" + first + "' in ${" + expression.text() + "}"
                        + Parameters.undeclared(first, params.keySet()));
            } else if (root.equals("item") && first != null && itemKeys != null
                    && !itemKeys.every().contains(first)) {
                String every = itemKeys.every().isEmpty() ? "no key is in every item"
                        : "each has " + String.join(", ", itemKeys.every());
                problem(position, "${" + expression.text() + "}: " + (itemKeys.some().contains(first)
                        ? "not every item has '" + first + "'" : "the items have no '" + first + "'") + " (" + every
                        + ")" + Suggestions.hint(first, itemKeys.every()));
            } else if (root.equals("results") && first == null) {
                problem(position, "${" + expression.text() + "}: name the task whose result you want, e.g."
                        + " ${results.build}");
            } else if (root.equals("results")) {
                references.add(new Reference(first, position));
            }
        }
        return references;
    }

    /** {@code ${results.x}} must name a task that finishes before this one: one in its after, directly or not. */
    private void checkReferences(TaskSpec task, List<Reference> references) {
        Set<String> names = new HashSet<>();
        job.tasks().forEach(t -> names.add(t.name()));
        Set<String> before = upstream(task);
        for (Reference reference : references) {
            if (!names.contains(reference.task())) {
                problem(reference.position(), "${results." + reference.task() + "}: there is no task '"
                        + reference.task() + "'" + Suggestions.hint(reference.task(), names));
            } else if (!before.contains(reference.task())) {
                problem(reference.position(), "${results." + reference.task() + "}: task '" + task.name()
                        + "' may run before '" + reference.task() + "' finishes; add '" + reference.task()
                        + "' to its after");
            }
        }
    }

    private Set<String> upstream(TaskSpec task) {
        Set<String> seen = new HashSet<>();
        List<String> pending = new ArrayList<>(task.upstreams());
        seen.addAll(task.upstreams());
        while (!pending.isEmpty()) {
            TaskSpec spec = job.task(pending.remove(pending.size() - 1));
            if (spec == null) {
                continue;
            }
            for (String dependency : spec.upstreams()) {
                if (seen.add(dependency)) {
                    pending.add(dependency);
                }
            }
        }
        return seen;
    }

    private void problem(SourcePosition position, String message) {
        problems.add(new Problem(position, message));
    }
}
