package io.jobrun.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One thing wrong with a job file, at its place: {@code jobs/x.groovy:7:5: unknown task option 'timout'}. */
public record Problem(SourcePosition position, String message) {
    public Problem {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    /**
     * {@code problems} sorted by line, then column: the order a file's problems are shown in. NOTE: compared here,
     * not with {@code Comparator.comparingInt(...).thenComparingInt(...)}, whose lambdas inside the JDK are made
     * afresh at every run's start (4 ms), where a run's own come ready from the AOT cache.
     */
    public static List<Problem> inFileOrder(List<Problem> problems) {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Problem::compareInFile);
        return sorted;
    }

    /** By line, then column, of their places. */
    public static int compareInFile(Problem a, Problem b) {
        int byLine = Integer.compare(a.position.line(), b.position.line());
        return byLine != 0 ? byLine : Integer.compare(a.position.column(), b.position.column());
    }

    /** One line, whatever the message quotes: each problem is a line of its own on the console. */
    @Override
    public String toString() {
        return position + ": " + message.replace("\r", "\\r").replace("\n", "\\n");
    }
}
