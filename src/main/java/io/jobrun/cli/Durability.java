package io.jobrun.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * What the command line says about the journal and resuming.
 *
 * @param journal   off with {@code --no-journal}
 * @param directory where journals go ({@code --journal DIR}), or null for {@code .jobrun}
 * @param resume    the run to resume: null without {@code --resume}, "" for the newest run of the job
 * @param explain   with {@code --dry-run}: say for each instance whether it runs and why
 * @param rerun     globs of instance names that run even when they could be reused ({@code --rerun})
 * @param markOk    names of {@code once} tasks to treat as done ({@code --mark-ok})
 */
record Durability(boolean journal, Path directory, String resume, boolean explain, List<String> rerun,
                  List<String> markOk) {
    static final Durability DEFAULT = new Durability(true, null, null, false, List.of(), List.of());

    Durability {
        rerun = List.copyOf(rerun);
        markOk = List.copyOf(markOk);
    }

    boolean resuming() {
        return resume != null;
    }
}
