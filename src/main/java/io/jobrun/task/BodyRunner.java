package io.jobrun.task;

import io.jobrun.job.Rendering;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskContext;

/** Runs one attempt of a task body in this JVM; one case per kind of body. */
public final class BodyRunner {
    private BodyRunner() {
    }

    public static Object run(TaskBody body, TaskContext context) throws Exception {
        return switch (body) {
            case TaskBody.Code code -> code.code().run(context);
            // NOTE: in a worker JVM there is no context; the shell is then named for what it is alone.
            case TaskBody.Shell shell -> ShellRunner.run(context == null ? shell
                            : Rendering.withEnvironment(shell, context.environment()), context != null && context.output() != null
                    ? context.output() : io.jobrun.job.Printing.current(),
                    context == null ? "shell" : "shell " + context.taskName());
            case TaskBody.Http http -> io.jobrun.task.http.HttpRunner.run(http);
            case TaskBody.Script script -> io.jobrun.task.script.ScriptTaskRunner.run(script, context);
            case TaskBody.Templated templated -> run(Rendering.render(templated, context), context);
            case TaskBody.Custom custom -> custom.run(context);
        };
    }
}
