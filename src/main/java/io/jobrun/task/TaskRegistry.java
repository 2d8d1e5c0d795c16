package io.jobrun.task;

import io.jobrun.job.TaskKinds;
import io.jobrun.task.http.HttpKind;
import io.jobrun.task.script.ScriptKind;
import java.util.List;

/** The task kinds of this build: one line per kind. */
public final class TaskRegistry {
    public static final TaskKinds STANDARD = new TaskKinds(List.of(
            new ShellKind(),
            new HttpKind(),
            new ScriptKind()));

    private TaskRegistry() {
    }
}
