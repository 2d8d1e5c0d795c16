package io.jobrun.job;

import java.util.List;

/** What a job callback sees of the whole run: {@code run.wall}, {@code run.ok}, {@code run.failed}. */
public interface RunView {
    /** Wall time; prints as "3.02s". */
    Elapsed getWall();

    /** Whether every task that had to succeed did. */
    boolean getOk();

    List<? extends TaskView> getTasks();

    List<? extends TaskView> getFailed();

    /** Results of the declared tasks that succeeded, by name; a fan-out's is the list of its items' results. */
    java.util.Map<String, Object> getResults();
}
