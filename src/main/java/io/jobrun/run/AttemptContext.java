package io.jobrun.run;

import io.jobrun.futures.Executor;
import io.jobrun.futures.Future;
import io.jobrun.futures.Task;
import io.jobrun.job.TaskContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one attempt of a declared task sees: its input, the results of the tasks it depends on (the same read-only
 * map for every attempt of every instance of its spec, never a copy), and the pools to submit more work to.
 */
final class AttemptContext implements TaskContext {
    private final TaskInstance instance;
    private final Object input;
    private final Map<String, Object> results;
    private final SubmittedWork work;
    private final io.jobrun.job.Printed output;
    /** The variables of the run's env files. */
    private final Map<String, String> environment;
    /** Numbers the submissions without a label: "parent/io-1", "parent/io-2". */
    private final AtomicInteger submissions = new AtomicInteger();

    AttemptContext(TaskInstance instance, Object input, Map<String, Object> results, SubmittedWork work,
                   io.jobrun.job.Printed output, Map<String, String> environment) {
        this.instance = instance;
        this.environment = environment;
        this.output = output;
        this.input = input;
        this.results = results;
        this.work = work;
    }

    @Override
    public String taskName() {
        return instance.name();
    }

    @Override
    public io.jobrun.job.Printed output() {
        return output;
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public Object input() {
        return input;
    }

    @Override
    public Map<String, Object> results() {
        return results;
    }

    @Override
    public <T> Future<T> submit(String executor, String label, Task<T> task, Duration timeLimit) {
        return work.submit(null, executor, labelOr(label, executor), instance.position(), task, timeLimit, false);
    }

    @Override
    public <T> Future<T> submitTo(Executor pool, String poolName, String label, Task<T> task, Duration timeLimit) {
        return work.submit(pool, poolName, labelOr(label, poolName), instance.position(), task, timeLimit, false);
    }

    @Override
    public <T> Future<T> submitToWorkers(Executor pool, String poolName, String label, Task<T> task,
                                         Duration timeLimit) {
        return work.submit(pool, poolName, labelOr(label, poolName), instance.position(), task, timeLimit, true);
    }

    private String labelOr(String label, String executor) {
        int number = submissions.incrementAndGet();
        return label != null ? label : instance.name() + "/" + executor + "-" + number;
    }
}
