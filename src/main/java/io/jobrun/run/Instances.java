package io.jobrun.run;

import io.jobrun.job.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The instances of a declared task as a run names them, for what plans a run without running it ({@code --dry-run
 * --explain}): the same ids, names and executors as the run's own.
 */
public final class Instances {
    private Instances() {
    }

    /** The instances of {@code task} for {@code items}: one when it does not fan out, else one per item. */
    public static List<TaskInstance> of(TaskSpec task, List<Object> items) {
        String executor = Pools.nameFor(task);
        if (!task.fansOut()) {
            return List.of(new TaskInstance(InstanceId.single(task.name()), task.name(), task, executor, null,
                    task.position()));
        }
        List<TaskInstance> instances = new ArrayList<>(items.size());
        List<String> names = ItemNames.of(items);
        for (int i = 0; i < items.size(); i++) {
            instances.add(new TaskInstance(new InstanceId(task.name(), i), task.name() + "[" + names.get(i) + "]", task,
                    executor, items.get(i), task.position()));
        }
        return instances;
    }

    /**
     * The items of {@code task} as the run would read them now, given what it sees of its upstreams.
     *
     * @throws io.jobrun.job.JobScriptError naming the source's place and what went wrong
     */
    public static List<Object> items(TaskSpec task, Map<String, Object> results) {
        return task.fansOut() ? FanOutItems.read(task, results) : List.of();
    }
}
