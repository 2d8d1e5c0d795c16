package io.jobrun.resume;

import io.jobrun.futures.process.ChildProcesses;
import io.jobrun.futures.process.ProcessTree;
import io.jobrun.journal.RecordedRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The worker JVMs a dead run left behind and that are still alive. One is its own only when both its pid and its
 * start instant match the journal's, so a process that merely reuses the pid is left alone. They are stopped before a
 * resume starts anything: nobody would ever collect them, and they may still be doing the work the resume is about to
 * redo. A worker ends by itself once it sees its runner gone; this is for one that did not (stuck, or too busy to
 * look).
 *
 * <p>The dead run's shell trees are not looked at here: their one owner is the shell watchdog the run started
 * ({@code io.jobrun.task.ShellWatchdog}), which kills them as soon as the run dies, however it dies. Two owners would
 * race to stop the same tree, and what a resume printed would depend on which won.
 */
public final class Orphans {
    /** How long an orphan gets to end after SIGTERM before its whole tree is killed. */
    private static final long GRACE_MILLIS = 1_000;

    private Orphans() {
    }

    /**
     * Stops the worker JVMs of {@code run} still alive; returns what it found, to print: nothing when the run ended
     * as runs do (its workers were stopped with it) or had no worker JVM.
     */
    public static List<String> stop(RecordedRun run) {
        if (run.finished()) {
            return List.of();
        }
        List<Long> ended = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (RecordedRun.Child child : run.children()) {
            if (!child.what().equals(ChildProcesses.WORKER_JVM)) {
                continue;
            }
            Optional<ProcessHandle> orphan = stillItsOwn(child);
            if (orphan.isEmpty()) {
                ended.add(child.pid());
                continue;
            }
            stopTree(orphan.get());
            found.add("stopped worker JVM pid " + child.pid() + " of run " + run.id()
                    + ", still running after the run died");
        }
        if (!ended.isEmpty()) {
            found.add((ended.size() == 1 ? "worker JVM pid " + ended.get(0) : "worker JVMs pid " + join(ended))
                    + " of run " + run.id() + (ended.size() == 1 ? " had" : " had all") + " already ended");
        }
        return found;
    }

    /** The process {@code child} names, if it is alive and is the same process (same start instant). */
    private static Optional<ProcessHandle> stillItsOwn(RecordedRun.Child child) {
        Optional<ProcessHandle> process = ProcessHandle.of(child.pid());
        if (process.isEmpty() || !process.get().isAlive() || child.started() == null
                || !process.get().info().startInstant().map(Instant::toString).orElse("").equals(child.started())) {
            return Optional.empty();
        }
        return process;
    }

    private static void stopTree(ProcessHandle orphan) {
        List<ProcessHandle> tree = new ArrayList<>(orphan.descendants().toList());
        orphan.destroy();
        try {
            orphan.onExit().get(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception stillThere) {
            // its grace is over: the kill below does the rest
        }
        ProcessTree.kill(orphan);
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private static String join(List<Long> pids) {
        List<String> shown = new ArrayList<>();
        pids.forEach(pid -> shown.add(String.valueOf(pid)));
        return String.join(", ", shown);
    }
}
