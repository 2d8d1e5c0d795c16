package io.jobrun.run;

import java.io.OutputStream;
import java.io.PrintStream;

/** The job's own output, which its callbacks print to: the command line's stdout and stderr. */
record JobOutput(PrintStream out, PrintStream err) {
    static final JobOutput NONE = new JobOutput(new PrintStream(OutputStream.nullOutputStream()),
            new PrintStream(OutputStream.nullOutputStream()));
}
