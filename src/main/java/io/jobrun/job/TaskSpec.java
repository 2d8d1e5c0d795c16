package io.jobrun.job;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A declared task: {@code task 'x', on: 'io', timeout: '5s', { ... }}, or one stage of a {@code then} chain, or a
 * fan-out ({@code map 'x', over: items}).
 *
 * @param executor  the declared executor it runs on, or null for the job's default pool
 * @param timeout   per attempt, or null for none
 * @param after     names of tasks that must succeed first
 * @param inputFrom the task whose result is this task's input ({@code then}), or null
 * @param over      the fan-out items (one task instance per item), or null for a single task
 * @param optional  when true a failure is reported but does not fail the job
 * @param position  where the task is declared
 * @param positions where its parts are written: {@code timeout}, {@code retry.count}, {@code after.0},
 *                  {@code body.command}, ...; the parts' paths are the model's, whatever the syntax
 */
public record TaskSpec(String name, String executor, TaskBody body, Duration timeout, RetryPolicy retry,
                       List<String> after, String inputFrom, List<Object> over, boolean optional,
                       TaskCallbacks callbacks, SourcePosition position, Positions positions) {
    public TaskSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(callbacks, "callbacks");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(positions, "positions");
        after = List.copyOf(after);
        // NOTE: fan-out items may be null, which List.copyOf rejects.
        over = over == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(over));
    }

    /** A task whose parts have no places of their own: built by a program or a test, not read from a file. */
    public TaskSpec(String name, String executor, TaskBody body, Duration timeout, RetryPolicy retry,
                    List<String> after, String inputFrom, List<Object> over, boolean optional,
                    TaskCallbacks callbacks, SourcePosition position) {
        this(name, executor, body, timeout, retry, after, inputFrom, over, optional, callbacks, position,
                Positions.of(position));
    }

    public boolean fansOut() {
        return over != null;
    }
}
