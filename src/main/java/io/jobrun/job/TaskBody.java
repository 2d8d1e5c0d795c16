package io.jobrun.job;

import java.util.Map;
import java.util.Objects;

/** What a task does. One record per kind; {@code io.jobrun.task} knows how to run each. */
public sealed interface TaskBody {

    /** Code from the job file, run in this JVM or, for a process executor, in a worker JVM. */
    record Code(TaskCode code) implements TaskBody {
        public Code {
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * A command run by {@code /bin/sh -c}.
     *
     * @param directory working directory, or null for the current one
     * @param env       variables added to the inherited environment
     */
    record Shell(String command, Map<String, String> env, String directory) implements TaskBody {
        public Shell {
            Objects.requireNonNull(command, "command");
            if (command.isBlank()) {
                throw new IllegalArgumentException("a shell task needs a command");
            }
            env = Map.copyOf(env);
        }
    }
}
