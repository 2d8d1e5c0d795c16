package io.jobrun.job;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * One syntax of job files: turns a file's text into the job model, with the problems it found on the way. The
 * command line picks the front by the file's ending from its registry of fronts.
 */
public interface JobFront {
    /** The endings of the files this front reads, with their dot: ".groovy". */
    List<String> extensions();

    /**
     * Starts getting ready, off the calling thread, what reading a file of this front will need whatever the file
     * says, so that it is ready (or nearly) when {@link #load} is called: called as the command line starts, before it
     * reads its arguments. Does nothing by default.
     */
    default void prepare() {
    }

    /** The model of {@code request}'s file, or its problems; never throws for a mistake in the file. */
    LoadedJob load(Request request);

    /**
     * What a front needs to read one file.
     *
     * @param params {@code -p key=value} from the command line, over the file's own defaults
     * @param kinds  the executor kinds the file may declare and the task kinds it may use, with their options
     * @param out    where a Groovy job file's own {@code println} goes
     */
    record Request(JobText source, Map<String, String> params, Kinds kinds, PrintStream out) {
        public Request {
            params = Map.copyOf(params);
        }
    }
}
