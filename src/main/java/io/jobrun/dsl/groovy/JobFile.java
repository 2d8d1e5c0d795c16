package io.jobrun.dsl.groovy;

import io.jobrun.job.Kinds;
import io.jobrun.job.SourcePosition;

/**
 * The job file being read.
 *
 * @param displayName the path as the user typed it ("jobs/x.groovy"), used in every message
 * @param simpleName  the file name alone ("x.groovy"), which is what stack frames carry
 * @param vocabulary  the DSL's words for this file, the registered executor and task kinds among them
 */
record JobFile(String displayName, String simpleName, Vocabulary vocabulary) {
    static JobFile of(String displayName, Kinds kinds) {
        int slash = displayName.lastIndexOf('/');
        return new JobFile(displayName, slash < 0 ? displayName : displayName.substring(slash + 1),
                Vocabulary.of(kinds));
    }

    /** The file itself, for what belongs to no line of it. */
    SourcePosition position() {
        return SourcePosition.of(displayName);
    }
}
