package io.jobrun.dsl.groovy;

import io.jobrun.job.TaskBody;

/** What {@code shell('make -j2', env: [...], dir: '...')} returns: a task body waiting for its task. */
public final class ShellCommand {
    /** A {@link TaskBody.Shell}, or a {@link TaskBody.Templated} one when its text holds ${...} expressions. */
    final TaskBody body;

    ShellCommand(TaskBody body) {
        this.body = body;
    }

    @Override
    public String toString() {
        TaskBody shell = body instanceof TaskBody.Templated templated ? templated.body() : body;
        return "shell('" + ((TaskBody.Shell) shell).command() + "')";
    }
}
