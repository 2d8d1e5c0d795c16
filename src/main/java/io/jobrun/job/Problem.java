package io.jobrun.job;

import java.util.Objects;

/** One thing wrong with a job file, at its place: {@code jobs/x.groovy:7:5: unknown task option 'timout'}. */
public record Problem(SourcePosition position, String message) {
    public Problem {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    /** One line, whatever the message quotes: each problem is a line of its own on the console. */
    @Override
    public String toString() {
        return position + ": " + message.replace("\r", "\\r").replace("\n", "\\n");
    }
}
