package io.jobrun.job;

import io.jobrun.job.expr.ExpressionValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a job callback sees of the whole run: {@code run.wall}, {@code run.ok}, {@code run.failed}. */
public interface RunView extends ExpressionValue {
    /** Wall time; prints as "3.02s". */
    Elapsed getWall();

    /** Whether every task that had to succeed did. */
    boolean getOk();

    List<? extends TaskView> getTasks();

    List<? extends TaskView> getFailed();

    /** Results of the declared tasks that succeeded, by name; a fan-out's is the list of its items' results. */
    Map<String, Object> getResults();

    /** What YAML expressions see: {@code ${run.wall}}, {@code ${run.failed.size()}}. */
    @Override
    default Map<String, Object> properties() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("wall", getWall());
        view.put("ok", getOk());
        view.put("tasks", List.copyOf(getTasks()));
        view.put("failed", List.copyOf(getFailed()));
        return view;
    }
}
