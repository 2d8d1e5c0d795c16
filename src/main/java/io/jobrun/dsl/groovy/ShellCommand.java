package io.jobrun.dsl.groovy;

import io.jobrun.job.TaskBody;

/** What {@code shell('make -j2', env: [...], dir: '...')} returns: a task body waiting for its task. */
public final class ShellCommand {
    final TaskBody.Shell body;

    ShellCommand(TaskBody.Shell body) {
        this.body = body;
    }

    @Override
    public String toString() {
        return "shell('" + body.command() + "')";
    }
}
