package io.jobrun.job;

import java.util.Map;
import java.util.Objects;

/**
 * What a job does when something happens (a task succeeded, failed, timed out, or the job ended), as data: a line to
 * print, a command to run, or code from the job file. The run carries them out with its own output; the model holds
 * no stream.
 */
public sealed interface Callback {
    /** {@code subject} is a {@link TaskView} for task callbacks and a {@link RunView} for job callbacks. */
    @FunctionalInterface
    interface Code {
        void call(Object subject) throws Exception;
    }

    /** Where the callback is written. */
    Positions positions();

    /** Code from the job file: a Groovy closure {@code { t -> ... }}. */
    record OfCode(Code code, Positions positions) implements Callback {
        public OfCode {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(positions, "positions");
        }
    }

    /**
     * A line for the job's output, {@code print: "${task.name} failed"}: a template over {@code params} and the
     * subject, called {@code subject} ("task" or "run").
     */
    record Print(String text, String subject, Map<String, String> params, Positions positions) implements Callback {
        public Print {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(positions, "positions");
            params = Map.copyOf(params);
        }
    }

    /**
     * A command, {@code shell: notify ${task.name}}, whose output goes to the job's output: command, environment and
     * directory are templates over {@code params} and the subject.
     */
    record Shell(TaskBody.Shell command, String subject, Map<String, String> params, Positions positions)
            implements Callback {
        public Shell {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(positions, "positions");
            params = Map.copyOf(params);
        }
    }

    /** Code with no place in a file, as tests and programs build jobs. */
    static Callback of(Code code) {
        return new OfCode(code, Positions.of(SourcePosition.of("(code)")));
    }
}
