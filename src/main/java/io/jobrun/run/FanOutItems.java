package io.jobrun.run;

import io.jobrun.job.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The items a fan-out runs over, and the specs a task depends on. */
final class FanOutItems {
    private FanOutItems() {
    }

    /** Whether {@code spec}'s items are read when it becomes ready, rather than known from the job file. */
    static boolean readWhenReady(TaskSpec spec) {
        return false;
    }

    /** The items written in the job file; empty for a task that does not fan out. */
    static List<Object> literal(TaskSpec spec) {
        return spec.fansOut() ? spec.over() : List.of();
    }

    /** Reads the items of a fan-out whose source is read when it becomes ready. */
    static List<Object> read(TaskSpec spec, Map<String, Object> results) throws Exception {
        return literal(spec);
    }

    /** The tasks {@code spec} runs after: its {@code after:}, and the task whose result is its input. */
    static List<String> upstreams(TaskSpec spec) {
        List<String> upstreams = new ArrayList<>(spec.after());
        if (spec.inputFrom() != null && !upstreams.contains(spec.inputFrom())) {
            upstreams.add(spec.inputFrom());
        }
        return upstreams;
    }
}
