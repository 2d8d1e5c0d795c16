package io.jobrun.run;

import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.HaltPolicy;
import io.jobrun.job.ItemSource;
import io.jobrun.job.Job;
import io.jobrun.job.JobCallbacks;
import io.jobrun.job.RetryPolicy;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskCallbacks;
import io.jobrun.job.TaskCode;
import io.jobrun.job.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds job models in tests without a front. */
final class Jobs {
    static final SourcePosition AT = new SourcePosition("test.groovy", 1, 1);
    static final ExecutorSpec POOL = new ExecutorSpec("pool", "threads", 4, Map.of("leakGrace", Duration.ofMillis(200)), AT);

    private Jobs() {
    }

    static TaskSpec task(String name, TaskCode code) {
        return new TaskSpec(name, "pool", new TaskBody.Code(code), null, RetryPolicy.none(), List.of(), null, null,
                false, TaskCallbacks.none(), AT);
    }

    static TaskSpec with(TaskSpec t, Duration timeout, RetryPolicy retry, List<String> after, String inputFrom,
                         ItemSource over, boolean optional, TaskCallbacks callbacks) {
        return new TaskSpec(t.name(), t.executor(), t.body(), timeout, retry, after, inputFrom, over, optional,
                callbacks, t.position());
    }

    static TaskSpec timeout(TaskSpec t, Duration timeout) {
        return with(t, timeout, t.retry(), t.after(), t.inputFrom(), t.over(), t.optional(), t.callbacks());
    }

    static TaskSpec retry(TaskSpec t, RetryPolicy retry) {
        return with(t, t.timeout(), retry, t.after(), t.inputFrom(), t.over(), t.optional(), t.callbacks());
    }

    static TaskSpec after(TaskSpec t, String inputFrom, String... after) {
        return with(t, t.timeout(), t.retry(), List.of(after), inputFrom, t.over(), t.optional(), t.callbacks());
    }

    static TaskSpec over(TaskSpec t, List<Object> items) {
        return over(t, new ItemSource.Items(items));
    }

    static TaskSpec over(TaskSpec t, ItemSource source) {
        return with(t, t.timeout(), t.retry(), t.after(), t.inputFrom(), source, t.optional(), t.callbacks());
    }

    static TaskSpec optional(TaskSpec t) {
        return with(t, t.timeout(), t.retry(), t.after(), t.inputFrom(), t.over(), true, t.callbacks());
    }

    static TaskSpec callbacks(TaskSpec t, TaskCallbacks callbacks) {
        return with(t, t.timeout(), t.retry(), t.after(), t.inputFrom(), t.over(), t.optional(), callbacks);
    }

    static Job job(TaskSpec... tasks) {
        return job(HaltPolicy.RUN_ALL, null, JobCallbacks.none(), tasks);
    }

    static Job job(HaltPolicy halt, Duration timeout, JobCallbacks callbacks, TaskSpec... tasks) {
        return new Job("test.groovy", null, Map.of(), List.of(POOL), List.of(tasks), callbacks, timeout, halt);
    }

    /** A job whose tasks run on {@code pool}, which they must name with {@link #on}. */
    static Job jobOn(ExecutorSpec pool, Duration timeout, TaskSpec... tasks) {
        return new Job("test.groovy", null, Map.of(), List.of(POOL, pool), List.of(tasks), JobCallbacks.none(),
                timeout, HaltPolicy.RUN_ALL);
    }

    /** A thread pool named {@code name}. */
    static ExecutorSpec threads(String name, int workers, Duration leakGrace) {
        return new ExecutorSpec(name, "threads", workers, Map.of("leakGrace", leakGrace), AT);
    }

    static TaskSpec on(TaskSpec t, String executor) {
        return new TaskSpec(t.name(), executor, t.body(), t.timeout(), t.retry(), t.after(), t.inputFrom(), t.over(),
                t.optional(), t.callbacks(), t.position());
    }

    /** Runs {@code job} and returns its result and every event published. */
    static Recorded run(Job job) {
        List<RunEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        Interpreter interpreter = new Interpreter(job, ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        interpreter.addListener(events::add);
        RunResult result = interpreter.run();
        return new Recorded(result, List.copyOf(events));
    }

    record Recorded(RunResult result, List<RunEvent> events) {
        TaskOutcome outcome(String name) {
            return result.outcomes().stream().filter(o -> o.task().name().equals(name)).findFirst().orElseThrow();
        }

        TaskStatus status(String name) {
            return outcome(name).status();
        }
    }
}
