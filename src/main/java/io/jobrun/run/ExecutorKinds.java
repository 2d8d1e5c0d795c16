package io.jobrun.run;

import io.jobrun.futures.Executor;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.ThreadPoolExecutor;
import io.jobrun.futures.VirtualThreadExecutor;
import io.jobrun.futures.process.ProcessPoolExecutor;
import io.jobrun.job.ExecutorCatalog;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.task.script.ScriptEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registry of executor kinds: one class and one line in {@link #STANDARD} per kind. */
public final class ExecutorKinds implements ExecutorCatalog {
    public static final ExecutorKinds STANDARD = new ExecutorKinds(List.of(
            new Threads(),
            new VirtualThreads(),
            new Processes()));

    private final Map<String, ExecutorKind> kinds = new LinkedHashMap<>();

    public ExecutorKinds(List<ExecutorKind> kinds) {
        for (ExecutorKind kind : kinds) {
            this.kinds.put(kind.name(), kind);
        }
    }

    @Override
    public Set<String> kinds() {
        return kinds.keySet();
    }

    @Override
    public Optional<String> unavailable(String kind) {
        ExecutorKind found = kinds.get(kind);
        return found == null ? Optional.of("unknown executor kind '" + kind + "'") : found.unavailable();
    }

    @Override
    public boolean runsInWorkerProcesses(String kind) {
        ExecutorKind found = kinds.get(kind);
        return found != null && found.runsInWorkerProcesses();
    }

    public Executor create(ExecutorSpec spec, Initializer workerSetup) {
        return kind(spec.kind()).create(spec, workerSetup);
    }

    ExecutorKind kind(String name) {
        return kinds.get(name);
    }

    /** {@code threads(n)}: a {@link ThreadPoolExecutor}. */
    static final class Threads implements ExecutorKind {
        @Override
        public String name() {
            return "threads";
        }

        @Override
        public Executor create(ExecutorSpec spec, Initializer workerSetup) {
            ThreadPoolExecutor.Options options = ThreadPoolExecutor.options().maxWorkers(spec.workers())
                    .threadNamePrefix(spec.name());
            return new ThreadPoolExecutor(spec.leakGrace() == null ? options : options.leakGrace(spec.leakGrace()));
        }
    }

    /** {@code virtualThreads(n)}: a {@link VirtualThreadExecutor}. */
    static final class VirtualThreads implements ExecutorKind {
        @Override
        public String name() {
            return "virtualThreads";
        }

        @Override
        public Executor create(ExecutorSpec spec, Initializer workerSetup) {
            VirtualThreadExecutor.Options options = VirtualThreadExecutor.options().maxWorkers(spec.workers())
                    .threadNamePrefix(spec.name());
            return new VirtualThreadExecutor(spec.leakGrace() == null ? options : options.leakGrace(spec.leakGrace()));
        }
    }

    /**
     * {@code processes(n)}: a {@link ProcessPoolExecutor} of worker JVMs; stopping the run kills them with the
     * processes they started.
     */
    static final class Processes implements ExecutorKind {
        @Override
        public String name() {
            return "processes";
        }

        @Override
        public Executor create(ExecutorSpec spec, Initializer workerSetup) {
            // NOTE: the setup (compiling a Groovy job file takes a second or two in a fresh JVM) runs as the
            // workers' initializer, before they take tasks, so it is neither inside a task's time nor its limit.
            // Script tasks run in the workers too; their JVM options keep Truffle's JDK warnings out of the log.
            return new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(spec.workers())
                    .initializer(workerSetup).jvmOptions(ScriptEngine.jvmOptions()));
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
}
