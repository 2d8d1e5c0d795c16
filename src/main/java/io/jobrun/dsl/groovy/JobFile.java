package io.jobrun.dsl.groovy;

/**
 * The job file being read.
 *
 * @param displayName the path as the user typed it ("jobs/x.groovy"), used in every message
 * @param simpleName  the file name alone ("x.groovy"), which is what stack frames carry
 */
record JobFile(String displayName, String simpleName) {
    static JobFile of(String displayName) {
        int slash = displayName.lastIndexOf('/');
        return new JobFile(displayName, slash < 0 ? displayName : displayName.substring(slash + 1));
    }
}
