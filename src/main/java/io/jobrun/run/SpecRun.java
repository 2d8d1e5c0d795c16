package io.jobrun.run;

import io.jobrun.futures.Executor;
import io.jobrun.job.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The interpreter's record of one declared task (one spec), with its instances: one, or one per fan-out item.
 * Owned by the interpreter's thread.
 *
 * <p>Readiness is counted, never searched for: each spec knows how many of its upstream specs are not complete yet and
 * which specs wait on it, so a finish touches only its own spec and that spec's waiters.
 *
 * <p>Possible phase transitions: WAITING -> LAUNCHED -> COMPLETE, and WAITING -> COMPLETE when it is skipped or the run
 * stops before it is ready.
 */
final class SpecRun {
    enum Phase { WAITING, LAUNCHED, COMPLETE }

    final TaskSpec spec;
    final String executor;
    /** The specs this one runs after, or whose result it takes; fixed once the graph is built. */
    final List<SpecRun> upstreams = new ArrayList<>(2);
    /** The specs that run after this one. */
    final List<SpecRun> waiters = new ArrayList<>(2);
    Phase phase = Phase.WAITING;
    /** Upstream specs not complete yet; the spec is ready at 0. */
    int pendingUpstreams;
    /** The first upstream task instance that did not succeed; the spec is skipped once it is ready. */
    String blockedBy;
    /** Why {@link #blockedBy} did not run when that was meant ({@code when:} false): the skip then fails nothing. */
    ConditionUnmet blockedAsMeant;
    /** Its instances in item order; null while a fan-out's items are still to be read. */
    List<InstanceRun> instances;
    /** Instances not done yet. */
    int unfinished;
    /** The first of its own instances that did not succeed, or null. */
    String firstNotOk;
    /** Why the first did not, when it was skipped as meant ({@code when:} false); else null. */
    ConditionUnmet firstNotOkAsMeant;
    /** The instances' results by item index, filled as they succeed. */
    Object[] values;
    /** Its result once complete and ok; see {@link #value()}. */
    private Object value;
    /** What its tasks see as {@code results}: the values of every spec it depends on, read-only. */
    Map<String, Object> resultsView = Map.of();
    /** Its executor, looked up once: a launch must not pay a map lookup per task. */
    private Executor pool;
    private Boolean inWorkerProcesses;

    SpecRun(TaskSpec spec, String executor) {
        this.spec = spec;
        this.executor = executor;
    }

    String name() {
        return spec.name();
    }

    Executor pool(Pools pools) {
        if (pool == null) {
            pool = pools.get(executor);
        }
        return pool;
    }

    boolean inWorkerProcesses(Pools pools) {
        if (inWorkerProcesses == null) {
            inWorkerProcesses = pools.runsInWorkerProcesses(executor);
        }
        return inWorkerProcesses;
    }

    void planned(List<InstanceRun> runs) {
        instances = runs;
        unfinished = runs.size();
        values = new Object[runs.size()];
    }

    boolean ok() {
        return phase == Phase.COMPLETE && firstNotOk == null;
    }

    /** Marks it complete and fixes its value: a task's result, or the list of a fan-out's results in item order. */
    void complete() {
        phase = Phase.COMPLETE;
        if (firstNotOk == null) {
            value = !spec.fansOut() ? (values.length == 0 ? null : values[0])
                    : Collections.unmodifiableList(Arrays.asList(values));
        }
    }

    /** Its result once complete and ok, else null. */
    Object value() {
        return value;
    }
}
