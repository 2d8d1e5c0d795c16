package io.jobrun.task;

import io.jobrun.futures.process.AdoptedProcesses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the orphans this JVM adopted as a {@link io.jobrun.futures.process.Subreaper} a shell task whose tree is
 * being killed may claim: those in its session, and, when it ran alone, every one that started after it. An orphan
 * that cleared its environment ({@code env -i}) and left its session bears nothing else that names its task, so with
 * another shell task beside it the claim is in doubt, and such an orphan is left running.
 */
final class OrphanClaims {
    /** Shell tasks started so far, the one starting too: a task that finds it unchanged ran alone. Guarded by this. */
    private long starts;
    /** Shell tasks started and not yet ended, the one starting too. Guarded by this. */
    private int running;

    /** A shell task is about to start its shell: counted, and told whether another one runs beside it. */
    synchronized Claim starting() {
        starts++;
        running++;
        return new Claim(running == 1, starts);
    }

    /** A shell task counted by {@link #starting()} is over (or its shell could not start). */
    synchronized void ended() {
        running--;
    }

    /**
     * Kills {@code killed} (the task's tree) with the orphans {@code claim} may claim, started at {@code started} or
     * later, in the session {@code session} the task's shell leads, and reaps them.
     *
     * @return the orphans left running, because another shell task ran beside this one and may have started them
     */
    List<ProcessHandle> killWithOrphans(Claim claim, long session, Instant started, List<ProcessHandle> killed) {
        boolean alone = ranAlone(claim);
        List<ProcessHandle> doomed = new ArrayList<>(killed);
        List<ProcessHandle> doubtful = new ArrayList<>();
        for (AdoptedProcesses.Facts orphan : AdoptedProcesses.find(orphan -> orphan.startedSince(started))) {
            if (alone || orphan.session() == session) {
                doomed.add(orphan.process());
            } else if (!orphan.dead()) {
                doubtful.add(orphan.process());
            }
        }
        AdoptedProcesses.killAndReap(doomed);
        return doubtful;
    }

    private synchronized boolean ranAlone(Claim claim) {
        return claim.aloneAtStart() && starts == claim.start() && running == 1;
    }

    /** What a shell task was told at its start: whether it was alone, and which start it was. */
    record Claim(boolean aloneAtStart, long start) {
        /** Where shell tasks are not counted (no watchdog): never alone. */
        static final Claim NONE = new Claim(false, -1);
    }
}
