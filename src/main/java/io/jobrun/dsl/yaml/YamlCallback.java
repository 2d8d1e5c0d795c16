package io.jobrun.dsl.yaml;

import io.jobrun.job.Callback;
import io.jobrun.job.TaskBody;
import io.jobrun.job.expr.Template;
import io.jobrun.task.Rendering;
import io.jobrun.task.ShellFailedException;
import io.jobrun.task.ShellResult;
import io.jobrun.task.ShellRunner;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML callback: {@code print: "..."} writes a line, {@code shell: ...} runs a command and passes its output on.
 * Expressions see {@code params} and the subject: {@code task} for task callbacks and a job's {@code on_failure},
 * {@code run} for a job's {@code on_success} and {@code always}.
 */
final class YamlCallback implements Callback {
    static final List<String> KEYS = List.of("print", "shell");

    private final String subjectName;
    private final Map<String, String> params;
    /** Exactly one of the two is set. */
    private final String print;
    private final TaskBody.Shell shell;
    private final PrintStream out;
    private final PrintStream err;

    private YamlCallback(String subjectName, Map<String, String> params, String print, TaskBody.Shell shell,
                         PrintStream out, PrintStream err) {
        this.subjectName = subjectName;
        this.params = Map.copyOf(params);
        this.print = print;
        this.shell = shell;
        this.out = out;
        this.err = err;
    }

    static YamlCallback print(String subjectName, Map<String, String> params, String text, PrintStream out,
                              PrintStream err) {
        return new YamlCallback(subjectName, params, text, null, out, err);
    }

    static YamlCallback shell(String subjectName, Map<String, String> params, TaskBody.Shell shell, PrintStream out,
                              PrintStream err) {
        return new YamlCallback(subjectName, params, null, shell, out, err);
    }

    /** "print" or "shell", for plans and for comparing fronts. */
    String kind() {
        return print != null ? "print" : "shell";
    }

    @Override
    public void call(Object subject) throws Exception {
        Map<String, Object> roots = new LinkedHashMap<>();
        roots.put("params", params);
        roots.put(subjectName, subject);
        if (print != null) {
            out.println(Template.parse(print).render(roots));
            return;
        }
        TaskBody.Shell rendered = Rendering.shell(shell, roots);
        try {
            ShellResult result = ShellRunner.run(rendered);
            out.print(result.stdout());
            err.print(result.stderr());
        } catch (ShellFailedException e) {
            e.outputTail().forEach(err::println);
            throw e;
        }
    }
}
