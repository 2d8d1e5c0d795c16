package io.jobrun.job;

import java.io.OutputStream;

/**
 * Where what a task prints goes: one stream per source (a shell's stdout, its stderr, a script's {@code print}), all
 * into the task's one output. Close a stream when its source ends.
 */
@FunctionalInterface
public interface Printed {
    OutputStream stream();
}
