package io.jobrun.run;

import java.util.Map;

/**
 * Whether a result recorded by an earlier run stands for a declared task instance, asked once, just before the
 * instance would launch for the first time (so its upstream results are known). A reused instance is reported
 * {@link TaskStatus#CACHED}: it does not run, its callbacks do not run, and its result feeds later tasks as if it had
 * run. Called on the interpreter's thread, so an answer must come quickly; see {@code --resume}.
 */
@FunctionalInterface
public interface Reuse {
    /** Every instance runs. */
    Reuse NOTHING = (instance, input, results) -> null;

    /**
     * The recorded result that stands for {@code instance}, or null to run it.
     *
     * @param input   what the instance is given: its fan-out item, or for a {@code then} stage the result before it
     * @param results what the instance sees of the tasks it runs after (read-only, shared by its spec's instances)
     */
    Reused reuse(TaskInstance instance, Object input, Map<String, Object> results);

    /** A result recorded earlier, which may be null. */
    record Reused(Object result) {
    }
}
