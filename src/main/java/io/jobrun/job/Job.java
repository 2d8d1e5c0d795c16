package io.jobrun.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a job file means, whatever its syntax: its executors, tasks and callbacks, each with its source position.
 *
 * @param file      the path as the user gave it
 * @param params    the parameters in force ({@code -p key=value} over the file's defaults)
 * @param declared  the parameters the file declares, each with its type, in the file's order; one given with
 *                  {@code -p} must be among them
 * @param timeout   for the whole run, or null for none
 * @param positions where the job's settings are written: {@code timeout}, {@code halt}, {@code params.NAME},
 *                  {@code default.0}
 * @param defaultTasks the task names (or {@link NamePattern}s) a run selects when the command line names none; empty
 *                  for every task
 * @param output    when the run shows what tasks print
 * @param dotenv    env files whose variables tasks see, relative to the job file, in order (positions
 *                  {@code dotenv.0}, ...)
 * @param secrets   names of parameters and environment variables whose values no report, log or message may show
 *                  (positions {@code secrets.0}, ...)
 */
public record Job(String file, String description, Map<String, String> params, List<ExecutorSpec> executors,
                  List<TaskSpec> tasks, JobCallbacks callbacks, Duration timeout, HaltPolicy halt,
                  Map<String, ParamType> declared, Positions positions, List<String> defaultTasks,
                  OutputMode output, List<String> dotenv, List<String> secrets) {
    public Job {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(callbacks, "callbacks");
        Objects.requireNonNull(halt, "halt");
        Objects.requireNonNull(positions, "positions");
        params = Map.copyOf(params);
        declared = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(declared));
        executors = List.copyOf(executors);
        tasks = List.copyOf(tasks);
        defaultTasks = List.copyOf(defaultTasks);
        Objects.requireNonNull(output, "output");
        dotenv = List.copyOf(dotenv);
        secrets = List.copyOf(secrets);
    }

    /** A job built by a program or a test: every parameter is declared, and no part has a place of its own. */
    public Job(String file, String description, Map<String, String> params, List<ExecutorSpec> executors,
               List<TaskSpec> tasks, JobCallbacks callbacks, Duration timeout, HaltPolicy halt) {
        this(file, description, params, executors, tasks, callbacks, timeout, halt, asText(params),
                Positions.of(SourcePosition.of(file)), List.of(), OutputMode.FAILED, List.of(), List.of());
    }

    private static Map<String, ParamType> asText(Map<String, String> params) {
        Map<String, ParamType> types = new java.util.LinkedHashMap<>();
        params.keySet().forEach(name -> types.put(name, ParamType.TEXT));
        return types;
    }

    /** The same job with {@code params} and {@code description} in place of its own: for a view with secrets masked. */
    public Job withParams(Map<String, String> params, String description) {
        return new Job(file, description, params, executors, tasks, callbacks, timeout, halt, declared, positions,
                defaultTasks, output, dotenv, secrets);
    }

    public ExecutorSpec executor(String name) {
        for (ExecutorSpec spec : executors) {
            if (spec.name().equals(name)) {
                return spec;
            }
        }
        return null;
    }

    public TaskSpec task(String name) {
        for (TaskSpec spec : tasks) {
            if (spec.name().equals(name)) {
                return spec;
            }
        }
        return null;
    }
}
