package io.jobrun.task;

import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskContext;
import io.jobrun.job.expr.Template;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders the {@code ${...}} expressions of a {@link TaskBody.Templated} body for one attempt. */
public final class Rendering {
    private Rendering() {
    }

    /** The names task expressions see: {@code params}, {@code item} (the fan-out item) and {@code results}. */
    public static Map<String, Object> roots(Map<String, String> params, TaskContext context) {
        Map<String, Object> roots = new LinkedHashMap<>();
        roots.put("params", params);
        roots.put("item", context.input());
        roots.put("results", context.results());
        return roots;
    }

    public static TaskBody render(TaskBody.Templated templated, TaskContext context) {
        Map<String, Object> roots = roots(templated.params(), context);
        return switch (templated.body()) {
            case TaskBody.Shell shell -> new TaskBody.Shell(text(shell.command(), roots), renderAll(shell.env(), roots),
                    shell.directory() == null ? null : text(shell.directory(), roots));
            case TaskBody.Http http -> new TaskBody.Http(http.method(), text(http.url(), roots),
                    renderAll(http.headers(), roots), http.body() == null ? null : text(http.body(), roots),
                    http.expect(), http.timeout());
            default -> throw new IllegalStateException("not a templated body: " + templated.body());
        };
    }

    private static String text(String template, Map<String, Object> roots) {
        return Template.parse(template).render(roots);
    }

    private static Map<String, String> renderAll(Map<String, String> templates, Map<String, Object> roots) {
        Map<String, String> rendered = new LinkedHashMap<>();
        templates.forEach((key, value) -> rendered.put(key, text(value, roots)));
        return rendered;
    }
}
