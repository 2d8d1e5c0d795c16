package io.jobrun.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a job file means, whatever its syntax: its executors, tasks and callbacks, each with its source position.
 *
 * @param file    the path as the user gave it
 * @param params  the parameters in force ({@code -p key=value} over the file's defaults)
 * @param timeout for the whole run, or null for none
 */
public record Job(String file, String description, Map<String, String> params, List<ExecutorSpec> executors,
                  List<TaskSpec> tasks, JobCallbacks callbacks, Duration timeout, HaltPolicy halt) {
    public Job {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(callbacks, "callbacks");
        Objects.requireNonNull(halt, "halt");
        params = Map.copyOf(params);
        executors = List.copyOf(executors);
        tasks = List.copyOf(tasks);
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
