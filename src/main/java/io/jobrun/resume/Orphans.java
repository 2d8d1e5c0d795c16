package io.jobrun.resume;

import io.jobrun.futures.process.ProcessTree;
import io.jobrun.journal.RecordedRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The process trees a dead run left behind: its shell trees and worker JVMs still alive. One is its own only when
 * both its pid and its start instant match the journal's, so a process that merely reuses the pid is left alone.
 * They are stopped before a resume starts anything: nobody would ever collect them, and they may still be doing the
 * work the resume is about to redo.
 */
public final class Orphans {
    /** How long an orphan gets to end after SIGTERM before its whole tree is killed. */
    private static final long GRACE_MILLIS = 1_000;

    private Orphans() {
    }

    /** Stops the orphans of {@code run}; returns a line for each one stopped, to print. */
    public static List<String> stop(RecordedRun run) {
        List<String> stopped = new ArrayList<>();
        for (RecordedRun.Child child : run.children()) {
            Optional<ProcessHandle> process = ProcessHandle.of(child.pid());
            if (process.isEmpty() || !process.get().isAlive() || child.started() == null
                    || !process.get().info().startInstant().map(Instant::toString).orElse("").equals(child.started())) {
                continue;
            }
            ProcessHandle orphan = process.get();
            List<ProcessHandle> tree = new ArrayList<>(orphan.descendants().toList());
            orphan.destroy();
            try {
                orphan.onExit().get(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (Exception stillThere) {
                // its grace is over: the kill below does the rest
            }
            ProcessTree.kill(orphan);
            tree.forEach(ProcessHandle::destroyForcibly);
            stopped.add("stopped an orphan process tree of run " + run.id() + " (" + child.what() + ", pid "
                    + child.pid() + ")");
        }
        return stopped;
    }
}
