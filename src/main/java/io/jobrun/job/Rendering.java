package io.jobrun.job;

import io.jobrun.job.expr.ShellTemplate;
import io.jobrun.job.expr.Template;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders the {@code ${...}} expressions of a {@link TaskBody.Templated} body for one attempt. */
public final class Rendering {
    private Rendering() {
    }

    /**
     * The names task expressions see: {@code params}, {@code item} (the fan-out item), {@code results} and
     * {@code env}.
     */
    public static Map<String, Object> roots(Map<String, ?> params, TaskContext context) {
        return roots(params, context.input(), context.results(), context.environment());
    }

    /**
     * The same names for an attempt not yet made (a resume's key): the item and the upstream results it will see, and
     * the variables of the run's env files.
     */
    public static Map<String, Object> roots(Map<String, ?> params, Object item, Map<String, Object> results,
                                            Map<String, String> environment) {
        Map<String, Object> roots = new LinkedHashMap<>();
        roots.put("params", params);
        roots.put("env", JobEnvironment.view(environment));
        roots.put("item", item);
        roots.put("results", results);
        return roots;
    }

    public static TaskBody render(TaskBody.Templated templated, TaskContext context) {
        Map<String, Object> roots = roots(templated.params(), context);
        return switch (templated.body()) {
            case TaskBody.Shell shell -> shell(shell, roots);
            case TaskBody.Http http -> http(http, roots);
            default -> throw new IllegalStateException("not a templated body: " + templated.body());
        };
    }

    /**
     * A shell body with its expressions rendered: the command's values travel in environment variables, so that the
     * shell reads them as data ({@link ShellTemplate}); the environment and directory are plain text.
     */
    public static TaskBody.Shell shell(TaskBody.Shell shell, Map<String, Object> roots) {
        Map<String, String> env = renderAll(shell.env(), roots);
        ShellTemplate.Rendered command = ShellTemplate.parse(shell.command()).render(roots, env.keySet());
        env.putAll(command.variables());
        return new TaskBody.Shell(command.command(), env, shell.directory() == null ? null
                : text(shell.directory(), roots));
    }

    /**
     * {@code shell} with the variables of the run's env files in its environment, under its own {@code env:}, so
     * that they reach the process wherever it runs (in a worker JVM too).
     */
    public static TaskBody.Shell withEnvironment(TaskBody.Shell shell, Map<String, String> environment) {
        if (environment.isEmpty()) {
            return shell;
        }
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(shell.env());
        return new TaskBody.Shell(shell.command(), env, shell.directory());
    }

    /** An HTTP body with its URL, headers and body rendered. */
    public static TaskBody.Http http(TaskBody.Http http, Map<String, Object> roots) {
        return new TaskBody.Http(http.method(), text(http.url(), roots), renderAll(http.headers(), roots),
                http.body() == null ? null : text(http.body(), roots), http.expect(), http.timeout());
    }

    public static String text(String template, Map<String, Object> roots) {
        return Template.parse(template).render(roots);
    }

    /** Each value of {@code templates} rendered, under its key, in their order. */
    public static Map<String, String> renderAll(Map<String, String> templates, Map<String, Object> roots) {
        Map<String, String> rendered = new LinkedHashMap<>();
        templates.forEach((key, value) -> rendered.put(key, text(value, roots)));
        return rendered;
    }
}
