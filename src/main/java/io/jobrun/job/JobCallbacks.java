package io.jobrun.job;

import java.util.List;

/**
 * The job's callbacks, in declaration order.
 *
 * @param always    after the run, with its {@link RunView}
 * @param onSuccess after a run where every task succeeded, with its {@link RunView}
 * @param onFailure once per failed task, after the run, with that task's {@link TaskView}
 */
public record JobCallbacks(List<Callback> always, List<Callback> onSuccess, List<Callback> onFailure) {
    public JobCallbacks {
        always = List.copyOf(always);
        onSuccess = List.copyOf(onSuccess);
        onFailure = List.copyOf(onFailure);
    }

    public static JobCallbacks none() {
        return new JobCallbacks(List.of(), List.of(), List.of());
    }
}
