package io.jobrun.task;

import io.jobrun.job.OptionSpec;
import io.jobrun.job.OptionType;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskKind;
import io.jobrun.job.expr.ShellTemplate;
import java.util.LinkedHashMap;
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
                new OptionSpec("command", OptionType.COMMAND, null, "the command to run; the values of its ${...}"
                        + " reach the shell as data (${raw(...)} pastes code)"),
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
        ShellTemplate.Rendered command = (ShellTemplate.Rendered) options.getOrDefault("command",
                new ShellTemplate.Rendered("", Map.of()));
        Map<String, String> env = new LinkedHashMap<>((Map<String, String>) options.getOrDefault("env", Map.of()));
        // NOTE: the values of a Groovy "..." command travel in variables of its environment, as data.
        env.putAll(command.variables());
        TaskBody.Shell shell = new TaskBody.Shell(command.command(), env, (String) options.get("dir"));
        return TaskBody.Templated.ifNeeded(shell, context.params().texts());
    }
}
