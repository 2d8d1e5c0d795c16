package io.jobrun.task;

import io.jobrun.job.Callback;
import io.jobrun.job.Rendering;
import io.jobrun.job.TaskBody;
import io.jobrun.job.expr.Template;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries out a callback: prints its line or runs its command, with the job's output, or calls its code. Templates
 * see {@code params} and the subject under its name ({@code task} or {@code run}).
 */
public final class CallbackRunner {
    private CallbackRunner() {
    }

    /**
     * @param environment the variables of the run's env files
     * @param out where printed lines and a command's output go
     * @param err where a command's error output goes
     */
    public static void run(Callback callback, Object subject, Map<String, String> environment, PrintStream out,
                           PrintStream err) throws Exception {
        switch (callback) {
            case Callback.OfCode code -> code.code().call(subject);
            case Callback.Print print -> out.println(Template.parse(print.text()).render(roots(print.params(),
                    print.subject(), subject, environment)));
            case Callback.Shell shell -> shell(shell, subject, environment, out, err);
        }
    }

    private static void shell(Callback.Shell shell, Object subject, Map<String, String> environment, PrintStream out,
                              PrintStream err) throws Exception {
        // NOTE: the command's values reach the shell as data, as a shell task's do.
        TaskBody.Shell rendered = Rendering.withEnvironment(Rendering.shell(shell.command(),
                roots(shell.params(), shell.subject(), subject, environment)), environment);
        try {
            ShellResult result = ShellRunner.run(rendered);
            out.print(result.stdout());
            err.print(result.stderr());
        } catch (ShellFailedException e) {
            e.outputTail().forEach(err::println);
            throw e;
        }
    }

    private static Map<String, Object> roots(Map<String, String> params, String subjectName, Object subject,
                                             Map<String, String> environment) {
        Map<String, Object> roots = new LinkedHashMap<>();
        roots.put("params", params);
        roots.put("env", io.jobrun.job.JobEnvironment.view(environment));
        roots.put(subjectName, subject);
        return roots;
    }
}
