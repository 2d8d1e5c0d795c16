package io.jobrun.job;

import java.util.Objects;

/** One thing wrong with a job file, at its place: {@code jobs/x.groovy:7:5: unknown task option 'timout'}. */
public record Problem(SourcePosition position, String message) {
    public Problem {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    /**
     * How a message quotes text from the file: on one line (a line break would look like the start of another problem)
     * and at most 40 characters, e.g. {@code 'mkdir -p target\n"$JAVA_HOME/bin/jwebs...'}.
     */
    public static String excerpt(CharSequence text) {
        String shown = text.length() > 40 ? text.subSequence(0, 40) + "..." : text.toString();
        return "'" + shown.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t") + "'";
    }

    /** One line, whatever the message quotes: each problem is a line of its own on the console. */
    @Override
    public String toString() {
        return position + ": " + message.replace("\r", "\\r").replace("\n", "\\n");
    }
}
