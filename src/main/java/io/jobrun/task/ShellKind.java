package io.jobrun.task;

import io.jobrun.job.OptionSpec;
import io.jobrun.job.OptionType;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskKind;
import java.util.List;
import java.util.Map;

/** {@code shell('make -j2', env: [CC: 'gcc'], dir: 'native')}: a command run by {@code /bin/sh -c}. */
final class ShellKind implements TaskKind {
    @Override
    public String name() {
        return "shell";
    }

    @Override
    public String description() {
        return "a command run by /bin/sh -c; its output is the result, a non-zero exit fails the task, and a timeout"
                + " kills its whole process tree";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                new OptionSpec("command", OptionType.TEXT, null, "the command to run; may hold ${...}"),
                new OptionSpec("env", OptionType.TEXT_MAP, null, "environment variables added to the inherited ones"),
                new OptionSpec("dir", OptionType.TEXT, null, "the working directory; by default the current one"));
    }

    @Override
    public List<String> positional() {
        return List.of("command");
    }

    @Override
    public String shorthand() {
        return "command";
    }

    @Override
    @SuppressWarnings("unchecked")
    public TaskBody body(Map<String, Object> options, Context context) {
        String command = (String) options.getOrDefault("command", "");
        Map<String, String> env = (Map<String, String>) options.getOrDefault("env", Map.of());
        TaskBody.Shell shell = new TaskBody.Shell(command, env, (String) options.get("dir"));
        return TaskBody.Templated.ifNeeded(shell, context.params());
    }
}
