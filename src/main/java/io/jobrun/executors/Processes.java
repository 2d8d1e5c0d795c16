package io.jobrun.executors;

import io.jobrun.futures.Executor;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.process.ProcessPoolExecutor;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.OptionSpec;
import io.jobrun.job.OptionType;
import io.jobrun.task.script.ScriptEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code processes(2)}: a {@link ProcessPoolExecutor} of worker JVMs; stopping the run kills them with the processes
 * they started.
 */
final class Processes implements ExecutorKind {
    static final OptionSpec MAX_HEAP = new OptionSpec("maxHeap", OptionType.TEXT, null,
            "each worker JVM's maximum heap (-Xmx), such as 512m or 2g; by default the JVM's own");
    static final OptionSpec MAX_TASKS_PER_CHILD = new OptionSpec("maxTasksPerChild", OptionType.COUNT, null,
            "a worker is replaced by a fresh one after this many tasks; by default never");

    @Override
    public String name() {
        return "processes";
    }

    @Override
    public String description() {
        return "N worker JVMs (same JDK and class path); a timeout or Ctrl-C kills a worker with the processes it"
                + " started";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(MAX_HEAP, MAX_TASKS_PER_CHILD);
    }

    /** Python's {@code ProcessPoolExecutor()}: one worker per processor. */
    @Override
    public int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public List<String> problems(ExecutorSpec spec) {
        List<String> problems = new ArrayList<>();
        String maxHeap = spec.option(MAX_HEAP.name(), null);
        if (maxHeap != null && !maxHeap.matches("\\d+[kKmMgG]?")) {
            problems.add("maxHeap must be a size such as 512m or 2g, got '" + maxHeap + "'");
        }
        Integer maxTasks = spec.option(MAX_TASKS_PER_CHILD.name(), null);
        if (maxTasks != null && maxTasks < 1) {
            problems.add("maxTasksPerChild must be at least 1, got " + maxTasks);
        }
        return problems;
    }

    @Override
    public Executor create(ExecutorSpec spec, Initializer workerSetup) {
        // NOTE: the setup (compiling a Groovy job file takes a second or two in a fresh JVM) runs as the
        // workers' initializer, before they take tasks, so it is neither inside a task's time nor its limit.
        // Script tasks run in the workers too; their JVM options keep Truffle's JDK warnings out of the log.
        return new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(spec.workers())
                .initializer(workerSetup).jvmOptions(ScriptEngine.jvmOptions())
                .maxHeap(spec.option(MAX_HEAP.name(), null))
                .maxTasksPerChild(spec.option(MAX_TASKS_PER_CHILD.name(), null)));
    }

    @Override
    public boolean runsInWorkerProcesses() {
        return true;
    }

    @Override
    public void stopRunning(Executor executor) {
        ((ProcessPoolExecutor) executor).killWorkers();
    }
}
