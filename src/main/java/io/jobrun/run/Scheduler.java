package io.jobrun.run;

import io.jobrun.job.Job;
import io.jobrun.job.TaskSelection;
import io.jobrun.job.TaskSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which declared task instances run when: the dependency graph of a job, with a count of unfinished
 * upstreams per spec and the list of waiters per spec, so that each finish costs the same however large the job.
 * The interpreter's thread only; it acts through {@link Actions}.
 *
 * <p>The instances of a spec that becomes ready are queued, and the interpreter launches them a few at a time
 * ({@link #launchNext}), acting on its inbox in between: a fan-out of 100,000 items then has its first ends handled
 * while its last items launch, not after, so what listens to the run (the journal, the reports) works along with it
 * instead of after it.
 */
final class Scheduler {
    /** What the scheduler asks of the run. */
    interface Actions {
        /** Whether new attempts may start (the run is RUNNING). */
        boolean launching();

        /** Why waiting tasks are cancelled now that the run no longer launches. */
        Throwable whyCancelled();

        /** Submits the first attempt of {@code run}, or holds it back until {@link #stepEnded()}. */
        void launch(InstanceRun run);

        /** The launches of one {@link #launchNext} are all made: what {@link #launch} held back launches now. */
        void stepEnded();

        /** Gives {@code run} its final status without running it (skipped, cancelled, failed to read its items). */
        void finishUnrun(InstanceRun run, TaskStatus status, Throwable error);

        /** A fan-out read its items when it became ready. */
        void expanded(SpecRun spec);

        /**
         * Whether the {@code when:} of {@code spec}, which has one, holds now that it is ready.
         *
         * @throws RuntimeException when it cannot be read, or is neither true nor false: the task fails
         */
        boolean holds(SpecRun spec);
    }

    private final List<SpecRun> specs = new ArrayList<>();
    private final TaskSelection selection;
    /** Rows of the tasks and items the selection left out; finished as NOT_SELECTED before anything starts. */
    private final List<InstanceRun> unselected = new ArrayList<>();
    private final WorkMeter meter;
    private final Actions actions;
    /** Instances of ready specs not launched yet, in the order they launch. */
    private final ArrayDeque<InstanceRun> launchable = new ArrayDeque<>();
    /** Declared instances not done yet, counting a fan-out whose items are not read yet as one. */
    private int unfinished;

    Scheduler(Job job, TaskSelection selection, WorkMeter meter, Actions actions) {
        this.selection = selection;
        this.meter = meter;
        this.actions = actions;
        Map<String, SpecRun> byName = new LinkedHashMap<>();
        for (TaskSpec spec : job.tasks()) {
            SpecRun run = new SpecRun(spec, Pools.nameFor(spec));
            byName.put(spec.name(), run);
            specs.add(run);
            if (!selection.selects(spec.name())) {
                // NOTE: one row for a task left out, however many items it has: its items are never read.
                run.planned(List.of(singleRow(run)));
                run.phase = SpecRun.Phase.COMPLETE;
                unselected.add(run.instances.get(0));
                unfinished++;
            } else if (!FanOutItems.readWhenReady(spec)) {
                run.planned(instances(run, FanOutItems.literal(spec)));
                unfinished += run.instances.size();
            } else {
                unfinished++;
            }
        }
        for (SpecRun run : specs) {
            for (String upstream : run.spec.upstreams()) {
                SpecRun other = byName.get(upstream);
                if (other != null && !run.upstreams.contains(other)) {
                    run.upstreams.add(other);
                    other.waiters.add(run);
                }
            }
            run.pendingUpstreams = run.upstreams.size();
        }
    }

    /** The declared instances known before the run that are to run, in declaration order. */
    List<TaskInstance> planned() {
        List<TaskInstance> planned = new ArrayList<>();
        for (SpecRun spec : specs) {
            if (spec.instances != null && spec.phase == SpecRun.Phase.WAITING) {
                spec.instances.forEach(run -> {
                    if (run.state == InstanceRun.State.WAITING) {
                        planned.add(run.instance);
                    }
                });
            }
        }
        return planned;
    }

    /** The selected fan-outs whose items are read when they become ready. */
    List<String> pendingFanOuts() {
        List<String> pending = new ArrayList<>();
        for (SpecRun spec : specs) {
            if (spec.instances == null) {
                pending.add(spec.name());
            }
        }
        return pending;
    }

    /** Reports the rows the selection left out, then makes ready every spec without upstreams. */
    void start() {
        finishUnselected();
        for (SpecRun spec : specs) {
            if (spec.pendingUpstreams == 0) {
                ready(spec);
            }
        }
    }

    private void finishUnselected() {
        List<InstanceRun> rows = new ArrayList<>(unselected);
        unselected.clear();
        for (InstanceRun run : rows) {
            meter.step();
            actions.finishUnrun(run, TaskStatus.NOT_SELECTED, null);
        }
    }

    /** Whether every declared instance is done. */
    boolean allDone() {
        return unfinished == 0;
    }

    /** Whether instances of ready specs wait to be launched by {@link #launchNext}. */
    boolean hasLaunchable() {
        return !launchable.isEmpty();
    }

    /**
     * Launches up to {@code most} of the queued instances, in order; one the run stopped launching for (it is
     * cancelled by then, see {@link #cancelWaiting}) is left as it is.
     */
    void launchNext(int most) {
        for (int launched = 0; launched < most && !launchable.isEmpty(); launched++) {
            InstanceRun run = launchable.poll();
            meter.step();
            if (run.state != InstanceRun.State.WAITING) {
                continue;
            }
            if (actions.launching()) {
                actions.launch(run);
            } else {
                actions.finishUnrun(run, TaskStatus.CANCELLED, actions.whyCancelled());
            }
        }
        actions.stepEnded();
    }

    /** The declared instances with an attempt queued or running, for stopping them; looked at once per stop. */
    List<InstanceRun> inFlight() {
        List<InstanceRun> inFlight = new ArrayList<>();
        for (SpecRun spec : specs) {
            if (spec.phase == SpecRun.Phase.LAUNCHED) {
                for (InstanceRun run : spec.instances) {
                    if (run.state == InstanceRun.State.IN_FLIGHT) {
                        inFlight.add(run);
                    }
                }
            }
        }
        return inFlight;
    }

    /** Every declared instance in declaration order, then item order; once the run is over. */
    List<InstanceRun> all() {
        List<InstanceRun> all = new ArrayList<>();
        for (SpecRun spec : specs) {
            all.addAll(spec.instances);
        }
        return all;
    }

    /**
     * Cancels every instance that waits (for its upstreams, or for a retry), with {@link Actions#whyCancelled()};
     * called once when the run stops launching. Running instances are the interpreter's to stop.
     */
    void cancelWaiting() {
        for (SpecRun spec : specs) {
            meter.step();
            if (spec.phase == SpecRun.Phase.WAITING) {
                ready(spec);
                continue;
            }
            if (spec.phase == SpecRun.Phase.LAUNCHED) {
                for (InstanceRun run : spec.instances) {
                    meter.step();
                    if (run.state == InstanceRun.State.WAITING || run.state == InstanceRun.State.RETRY_WAIT) {
                        actions.finishUnrun(run, TaskStatus.CANCELLED, actions.whyCancelled());
                    }
                }
            }
        }
    }

    /** Books a declared instance's final status; may complete its spec and make waiters ready. */
    void finished(InstanceRun run) {
        meter.step();
        SpecRun spec = run.spec;
        spec.unfinished--;
        unfinished--;
        if (run.outcome.status().succeeded()) {
            spec.values[run.index] = run.outcome.result();
        } else if (spec.firstNotOk == null) {
            spec.firstNotOk = run.instance.name();
            spec.firstNotOkAsMeant = run.outcome.error() instanceof ConditionUnmet unmet ? unmet : null;
            // NOTE: dependents are skipped at once, not when the whole spec is over: a fan-out whose first item
            // failed cannot succeed any more.
            for (SpecRun waiter : spec.waiters) {
                meter.step();
                block(waiter, spec);
            }
        }
        if (spec.unfinished == 0 && spec.phase == SpecRun.Phase.LAUNCHED) {
            complete(spec);
        }
    }

    private void complete(SpecRun spec) {
        spec.complete();
        for (SpecRun waiter : spec.waiters) {
            meter.step();
            waiter.pendingUpstreams--;
            if (waiter.pendingUpstreams == 0) {
                ready(waiter);
            }
        }
    }

    private void block(SpecRun waiter, SpecRun blocker) {
        if (waiter.blockedBy == null) {
            waiter.blockedBy = blocker.firstNotOk;
            waiter.blockedAsMeant = blocker.firstNotOkAsMeant;
        }
        if (waiter.phase == SpecRun.Phase.WAITING) {
            ready(waiter);
        }
    }

    /**
     * A spec whose upstreams are all complete, or one that can no longer run: queues its instances to launch, or
     * skips or cancels them all. A fan-out whose items are read when ready reads them here.
     */
    private void ready(SpecRun spec) {
        meter.step();
        if (spec.phase != SpecRun.Phase.WAITING) {
            return;
        }
        spec.phase = SpecRun.Phase.LAUNCHED;
        if (!actions.launching()) {
            finishAll(spec, TaskStatus.CANCELLED, actions.whyCancelled());
            return;
        }
        if (spec.blockedBy != null) {
            finishAll(spec, TaskStatus.SKIPPED, spec.blockedAsMeant != null
                    ? ConditionUnmet.after(spec.blockedBy, spec.blockedAsMeant)
                    : new RunnerDecision("skipped because '" + spec.blockedBy + "' did not succeed"));
            return;
        }
        spec.resultsView = resultsView(spec);
        if (spec.spec.when() != null) {
            boolean holds;
            try {
                holds = actions.holds(spec);
            } catch (RuntimeException e) {
                finishAll(spec, TaskStatus.FAILED, e);
                return;
            }
            if (!holds) {
                finishAll(spec, TaskStatus.SKIPPED, ConditionUnmet.of(spec.spec.when().unmet()));
                return;
            }
        }
        if (spec.instances == null && !expand(spec)) {
            return;
        }
        if (spec.instances.isEmpty()) {
            complete(spec);
            return;
        }
        for (InstanceRun run : spec.instances) {
            if (run.state == InstanceRun.State.WAITING) {
                launchable.add(run);
            }
        }
        if (spec.unfinished == 0 && spec.phase == SpecRun.Phase.LAUNCHED) {
            complete(spec); // NOTE: a fan-out of which the selection left out every item
        }
    }

    /** Reads a fan-out's items; false after failing it when they cannot be read. */
    private boolean expand(SpecRun spec) {
        List<Object> items;
        try {
            items = FanOutItems.read(spec.spec, spec.resultsView);
        } catch (FanOutItems.ItemsUnreadable e) {
            finishAll(spec, TaskStatus.FAILED, e);
            return false;
        }
        spec.planned(instances(spec, items));
        unfinished += spec.instances.size() - 1;
        actions.expanded(spec);
        finishUnselected();
        return true;
    }

    /** Gives every instance of {@code spec} the same final status; a fan-out not read yet becomes one row. */
    private void finishAll(SpecRun spec, TaskStatus status, Throwable error) {
        if (spec.instances == null) {
            spec.planned(List.of(singleRow(spec)));
        }
        for (InstanceRun run : spec.instances) {
            meter.step();
            if (!run.done()) {
                actions.finishUnrun(run, status, error);
            }
        }
    }

    /** What the tasks of {@code spec} see as results: every spec it depends on, directly or through others. */
    private Map<String, Object> resultsView(SpecRun spec) {
        if (spec.upstreams.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> view = new LinkedHashMap<>();
        Deque<SpecRun> todo = new ArrayDeque<>(spec.upstreams);
        while (!todo.isEmpty()) {
            SpecRun upstream = todo.pop();
            meter.step();
            if (!view.containsKey(upstream.name())) {
                view.put(upstream.name(), upstream.value());
                todo.addAll(upstream.upstreams);
            }
        }
        return Collections.unmodifiableMap(view);
    }

    /** The one row of a task that is not a fan-out, or of a fan-out that never read its items. */
    private static InstanceRun singleRow(SpecRun spec) {
        return new InstanceRun(new TaskInstance(InstanceId.single(spec.name()), spec.name(), spec.spec, spec.executor,
                null, spec.spec.position()), spec, 0);
    }

    /** Its instances; the items a partial selection leaves out are noted, to be finished as not selected. */
    private List<InstanceRun> instances(SpecRun spec, List<Object> items) {
        TaskSpec task = spec.spec;
        if (!task.fansOut()) {
            return List.of(singleRow(spec));
        }
        boolean some = selection.selectsSomeItems(task.name());
        List<TaskInstance> instances = Instances.of(task, items);
        List<InstanceRun> runs = new ArrayList<>(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            InstanceRun run = new InstanceRun(instances.get(i), spec, i);
            runs.add(run);
            if (some && !selection.selectsItem(task.name(), run.instance.name())) {
                run.state = InstanceRun.State.DONE;
                unselected.add(run);
            }
        }
        return runs;
    }
}
