package io.jobrun.dsl.groovy;

import io.jobrun.job.Printed;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where {@code println} in one call of task code writes: a {@link PrintStream} onto the task's output, made at the
 * first print. Most task code never prints, and a PrintStream with its encoder, its buffers and a source of lines is
 * some 28 KB: at 100,000 trivial tasks that was most of what a run allocated, and its collections slowed everything.
 */
final class TaskPrint {
    private final Printed printed;
    private PrintStream stream;

    TaskPrint(Printed printed) {
        this.printed = printed;
    }

    /** The stream, made now if nothing was printed before; the thread running the task code only. */
    PrintStream stream() {
        if (stream == null) {
            stream = new PrintStream(printed.stream(), true, StandardCharsets.UTF_8);
        }
        return stream;
    }

    /** Ends the output: a last line without a newline still counts. */
    void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
