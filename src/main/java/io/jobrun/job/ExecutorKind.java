package io.jobrun.job;

import io.jobrun.futures.Executor;
import io.jobrun.futures.Future;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of pool a job can declare: {@code threads(8, leakGrace: '1s')} in Groovy, {@code { threads: 8,
 * leak_grace: 1s }} in YAML. A kind is one class and one line in a registry ({@link ExecutorKinds}); it declares its
 * options, and both fronts, the JSON Schema and {@code --help} take them from that declaration.
 */
public interface ExecutorKind {
    /** The keyword Groovy job files use, camelCase: "threads", "virtualThreads"; YAML writes it in snake_case. */
    String name();

    /** One sentence: what a pool of this kind is, with N for its number of workers. */
    String description();

    /** The options besides the number of workers, each with its type, default and description. */
    default List<OptionSpec> options() {
        return List.of();
    }

    /**
     * The named option Groovy may give the number of workers with instead of writing it first, {@code slots} for
     * {@code cluster(slots: 8)}; null when the number is only written first. YAML always writes it as the kind's
     * value ({@code cluster: 8}).
     */
    default String workersOption() {
        return null;
    }

    /**
     * The number of workers of a pool that task code makes without naming one, as Python's
     * {@code ThreadPoolExecutor()} does; 0 when this kind must be told. A declared executor always names it, in both
     * syntaxes.
     */
    default int defaultWorkers() {
        return 0;
    }

    /** The settings of a whole run this kind reads ({@code --cluster ADDRESS}); the command line takes them. */
    default List<RunSetting> runSettings() {
        return List.of();
    }

    /**
     * This kind as a run's environment configures it; by default the kind itself.
     *
     * @param environment the process's environment, with each {@link #runSettings() run setting} given on the
     *                    command line written over its variable
     * @throws IllegalArgumentException when a setting's value is malformed, saying which and why
     */
    default ExecutorKind configured(Map<String, String> environment) {
        return this;
    }

    /**
     * Starts, in the background, what this kind's executors in the coming run will need whatever the job file says,
     * so that it is ready when the run creates them (a client of the cluster {@code --cluster} names connects while
     * the file compiles); the returned action lets go of what no executor took. By default nothing.
     */
    default Runnable prepareRun() {
        return () -> {
        };
    }

    /**
     * Creates the pool {@code spec} declares; its options are converted to their declared types.
     *
     * @param workerSetup what each worker process runs once before its first task (the job's code loaded), or
     *                    null; kinds without worker processes ignore it
     */
    Executor create(ExecutorSpec spec, Initializer workerSetup);

    /** Whether tasks on this kind run in other JVMs: what they use must be sent there, and is checked beforehand. */
    default boolean runsInWorkerProcesses() {
        return false;
    }

    /**
     * The pools of its members a task on this kind may ask for with {@code memberPool:} (of
     * {@link TaskSpec#MEMBER_POOLS}); empty for a kind whose tasks run on no members.
     */
    default List<String> memberPools() {
        return List.of();
    }

    /**
     * Submits one attempt of a task to {@code executor}, a pool of this kind; a kind that places work on workers of
     * its choosing tells {@code placement} where each try runs and which tries were lost. By default a plain submit.
     *
     * @param spec what the task asks of its executor besides its time limit ({@code memberPool:})
     */
    default Future<Object> submit(Executor executor, TaskSpec spec, Task<Object> work, Duration timeLimit,
                                  Placement placement) {
        return executor.submit(work, timeLimit);
    }

    /**
     * Submits one attempt of a task whose effect must not happen twice ({@code once: true}). A kind that would run a
     * try again by itself (a cluster, when the member running it leaves) fails it instead; by default a plain
     * {@link #submit}.
     */
    default Future<Object> submitAtMostOnce(Executor executor, TaskSpec spec, Task<Object> work, Duration timeLimit,
                                            Placement placement) {
        return submit(executor, spec, work, timeLimit, placement);
    }

    /**
     * Stops what {@code executor} is running now, when the run is stopped (Ctrl-C, the job's timeout); threads are
     * interrupted by the interpreter itself, so by default nothing is done here.
     */
    default void stopRunning(Executor executor) {
    }

    /**
     * What is wrong with the options {@code spec} gives beyond their types (a number out of range), one sentence
     * each; the validator places them at the executor.
     */
    default List<String> problems(ExecutorSpec spec) {
        return List.of();
    }

    /** Why this kind cannot be used in this build, or empty. */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /** The declared option called {@code name}, or null. */
    default OptionSpec option(String name) {
        for (OptionSpec option : options()) {
            if (option.name().equals(name)) {
                return option;
            }
        }
        return null;
    }
}
