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
 * @param over      where the fan-out's items come from (one task instance per item), or null for a single task
 * @param optional  when true a failure is reported but does not fail the job
 * @param position  where the task is declared
 * @param positions where its parts are written: {@code timeout}, {@code retry.count}, {@code after.0},
 *                  {@code body.command}, ...; the parts' paths are the model's, whatever the syntax
 * @param description one line for {@code --list}, or null
 * @param memberPool which of its members' pools the task asks its executor for ({@code memberPool: 'processes'}),
 *                  as written, or null for the executor's choice; one of {@link #MEMBER_POOLS}, which the validator
 *                  checks with the executor's kind
 * @param caching   how a resume treats it: {@code cache:}, {@code once:}, {@code inputs:}
 * @param when      whether it runs once its upstreams have succeeded ({@code when:}), or null: it does
 */
public record TaskSpec(String name, String executor, TaskBody body, Duration timeout, RetryPolicy retry,
                       List<String> after, String inputFrom, ItemSource over, boolean optional,
                       TaskCallbacks callbacks, SourcePosition position, Positions positions, String description,
                       String memberPool, Caching caching, Condition when) {
    /** The pools a member has: threads (the default) and worker JVMs. */
    public static final List<String> MEMBER_POOLS = List.of("threads", "processes");

    public TaskSpec {
        Objects.requireNonNull(caching, "caching");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(callbacks, "callbacks");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(positions, "positions");
        after = List.copyOf(after);
    }

    /** A task that always runs when its upstreams succeed: no {@code when:}. */
    public TaskSpec(String name, String executor, TaskBody body, Duration timeout, RetryPolicy retry,
                    List<String> after, String inputFrom, ItemSource over, boolean optional,
                    TaskCallbacks callbacks, SourcePosition position, Positions positions, String description,
                    String memberPool, Caching caching) {
        this(name, executor, body, timeout, retry, after, inputFrom, over, optional, callbacks, position, positions,
                description, memberPool, caching, null);
    }

    /** A task with the default {@link Caching}. */
    public TaskSpec(String name, String executor, TaskBody body, Duration timeout, RetryPolicy retry,
                    List<String> after, String inputFrom, ItemSource over, boolean optional,
                    TaskCallbacks callbacks, SourcePosition position, Positions positions, String description,
                    String memberPool) {
        this(name, executor, body, timeout, retry, after, inputFrom, over, optional, callbacks, position, positions,
                description, memberPool, Caching.DEFAULT);
    }

    /** A task without a description that asks nothing of its executor's members. */
    public TaskSpec(String name, String executor, TaskBody body, Duration timeout, RetryPolicy retry,
                    List<String> after, String inputFrom, ItemSource over, boolean optional,
                    TaskCallbacks callbacks, SourcePosition position, Positions positions) {
        this(name, executor, body, timeout, retry, after, inputFrom, over, optional, callbacks, position, positions,
                null, null);
    }

    /** A task whose parts have no places of their own: built by a program or a test, not read from a file. */
    public TaskSpec(String name, String executor, TaskBody body, Duration timeout, RetryPolicy retry,
                    List<String> after, String inputFrom, ItemSource over, boolean optional,
                    TaskCallbacks callbacks, SourcePosition position) {
        this(name, executor, body, timeout, retry, after, inputFrom, over, optional, callbacks, position,
                Positions.of(position));
    }

    public boolean fansOut() {
        return over != null;
    }

    /**
     * The tasks this one runs after: its {@code after:}, the task whose result is its input ({@code then}), and the
     * task whose result its items are, each once.
     */
    public List<String> upstreams() {
        List<String> upstreams = new java.util.ArrayList<>(after);
        if (inputFrom != null && !upstreams.contains(inputFrom)) {
            upstreams.add(inputFrom);
        }
        if (over != null) {
            over.upstream().filter(task -> !upstreams.contains(task)).ifPresent(upstreams::add);
        }
        return upstreams;
    }
}
