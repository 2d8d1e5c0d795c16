package io.jobrun.task;

import io.jobrun.futures.Task;
import io.jobrun.job.Rendering;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskContext;

/**
 * Turns one attempt of a task body into work a worker JVM runs on its own, for process executors. Shell and HTTP
 * bodies are data and run in the worker as they would here (a timeout kills the worker with the shell's tree);
 * templates are rendered here first, where the context is, and so are a script's arguments and inputs; code says
 * itself how it travels. The work returns a
 * {@link WorkerOutcome}: the result, timed in the worker.
 */
public final class WorkerBodies {
    private WorkerBodies() {
    }

    /**
     * @param live where what the attempt prints goes as it comes (its lines are sent as they are printed), or null to
     *             have them with its outcome
     * @throws RuntimeException when the attempt cannot be sent, saying why
     */
    public static Task<Object> task(TaskBody body, TaskContext context, TaskOutput live) {
        return WorkerOutcome.timed(untimed(body, context), live);
    }

    private static Task<Object> untimed(TaskBody body, TaskContext context) {
        return switch (body) {
            case TaskBody.Code code -> code.code().inWorker(context);
            case TaskBody.Shell shell -> new DataBody(Rendering.withEnvironment(shell, context.environment()));
            case TaskBody.Http http -> new DataBody(http);
            case TaskBody.Script script -> io.jobrun.task.script.ScriptTaskRunner.prepare(script, context);
            case TaskBody.Templated templated -> untimed(Rendering.render(templated, context), context);
            // NOTE: validation keeps a registered kind's body off process executors: it runs only in this JVM.
            case TaskBody.Custom custom -> throw new IllegalStateException("a " + custom.kind()
                    + " task runs only in this JVM");
        };
    }

    /** A shell or HTTP body, run in the worker. */
    private record DataBody(TaskBody body) implements Task<Object> {
        @Override
        public Object call() throws Exception {
            return BodyRunner.run(body, null);
        }
    }
}
