package io.jobrun.job;

import java.util.Objects;

/**
 * A setting for a whole run that an executor kind reads: given on the command line ({@code --cluster ADDRESS}), or
 * else in the environment ({@code JOBRUN_CLUSTER}). The command line writes its value over the variable's, so a kind
 * reads only the environment it is configured with ({@link ExecutorKind#configured}).
 *
 * @param flag        the command-line option, "--cluster"; it takes one value, and may be repeated (the values are
 *                    joined with commas)
 * @param variable    the environment variable it stands for, "JOBRUN_CLUSTER"
 * @param valueName   what the value is, for the usage line: "ADDRESS"
 * @param description one sentence for {@code --help}
 */
public record RunSetting(String flag, String variable, String valueName, String description) {
    public RunSetting {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(valueName, "valueName");
        Objects.requireNonNull(description, "description");
        if (!flag.matches("--[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a run setting's flag is --lower-case, got '" + flag + "'");
        }
    }
}
