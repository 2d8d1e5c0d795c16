package io.jobrun.run;

import io.jobrun.futures.Executor;
import io.jobrun.futures.Future;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.Task;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorKinds;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.Job;
import io.jobrun.job.Placement;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.text.Suggestions;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The live executors of one run, by name: every declared one, plus "default" when a task names none. */
final class Pools {
    static final String DEFAULT = "default";

    private final Map<String, Executor> executors = new LinkedHashMap<>();
    private final Map<String, String> descriptions = new LinkedHashMap<>();
    /** The kind of each executor, by name; written by start. */
    private final Map<String, ExecutorKind> kinds = new LinkedHashMap<>();

    /** The executor a task without {@code on:} gets: 8 threads, the same on every machine so plans read alike. */
    static ExecutorSpec defaultSpec(Job job) {
        int workers = 8;
        return new ExecutorSpec(DEFAULT, "threads", workers, SourcePosition.of(job.file()));
    }

    static boolean needsDefault(Job job) {
        for (TaskSpec task : job.tasks()) {
            if (task.executor() == null) {
                return true;
            }
        }
        return false;
    }

    void start(Job job, ExecutorKinds kinds) {
        Initializer workerSetup = workerSetup(job);
        for (ExecutorSpec spec : job.executors()) {
            add(spec, kinds, workerSetup);
        }
        if (needsDefault(job) && !executors.containsKey(DEFAULT)) {
            add(defaultSpec(job), kinds, workerSetup);
        }
    }

    /** What a worker process must do before it can run this job's code; the same for every task of one file. */
    private static Initializer workerSetup(Job job) {
        for (TaskSpec task : job.tasks()) {
            if (task.body() instanceof TaskBody.Code code && code.code().workerSetup() != null) {
                return code.code().workerSetup();
            }
        }
        return null;
    }

    private void add(ExecutorSpec spec, ExecutorKinds kinds, Initializer workerSetup) {
        executors.put(spec.name(), kinds.create(spec, workerSetup));
        this.kinds.put(spec.name(), kinds.find(spec.kind()));
        descriptions.put(spec.name(), spec.describe());
    }

    static String nameFor(TaskSpec task) {
        return task.executor() == null ? DEFAULT : task.executor();
    }

    Executor get(String name) {
        Executor executor = executors.get(name);
        if (executor == null) {
            throw new IllegalArgumentException("no executor named '" + name + "'"
                    + Suggestions.hint(name, executors.keySet()));
        }
        return executor;
    }

    /**
     * Submits one attempt to executor {@code name} through its kind, which tells {@code placement} where it runs;
     * with {@link Repeat#AT_MOST_ONCE} ({@code once: true}) the kind may not run it again by itself (see
     * {@link ExecutorKind#submitAtMostOnce}).
     */
    Future<Object> submit(String name, TaskSpec spec, Task<Object> work, Duration timeLimit, Placement placement,
                          Repeat repeat) {
        ExecutorKind kind = kinds.get(name);
        return repeat == Repeat.AT_MOST_ONCE ? kind.submitAtMostOnce(get(name), spec, work, timeLimit, placement)
                : kind.submit(get(name), spec, work, timeLimit, placement);
    }

    /** Whether an executor may run an attempt again by itself, as a cluster does when a member leaves. */
    enum Repeat { ALLOWED, AT_MOST_ONCE }

    /** Whether the tasks of executor {@code name} run in worker processes. */
    boolean runsInWorkerProcesses(String name) {
        ExecutorKind kind = kinds.get(name);
        return kind != null && kind.runsInWorkerProcesses();
    }

    /** Stops the work running on executors that the interpreter cannot interrupt itself (worker processes). */
    void stopRunning() {
        executors.forEach((name, executor) -> kinds.get(name).stopRunning(executor));
    }

    /** Normally waits for all submitted work; when stopping, cancels what has not started and returns at once. */
    void shutdown(boolean stopping) {
        for (Executor executor : executors.values()) {
            executor.shutdown(!stopping, stopping);
        }
    }
}
