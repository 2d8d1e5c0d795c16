package io.jobrun.futures.process;

import io.jobrun.futures.SetUpAhead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * The children of this JVM that it did not start: orphans it adopted as a {@link Subreaper}, from the process trees
 * of the tasks it runs. They are told from its own children by two facts: every process jobrun starts to run work in
 * a session of its own goes through {@link #start}, which records it; and an orphan of a task's tree never shares this
 * JVM's session (a task's tree runs in a session of its own), whereas a process some library starts here does.
 *
 * <p>NOTE: {@link #start} holds a read lock while it starts and records, and a search holds the write lock, so a
 * process just started is never taken for an adopted one before it is recorded.
 */
public final class AdoptedProcesses {
    /** How long killing waits for the killed to die and be reaped before it names the survivors. */
    private static final long PATIENCE_NANOS = 5_000_000_000L;
    private static final long ROUND_PAUSE_NANOS = 5_000_000;
    private static final ReentrantReadWriteLock GATE = new ReentrantReadWriteLock();
    /** What this JVM started through {@link #start}, by pid, until the JDK has reaped it. */
    private static final Map<Long, Process> OWN = new ConcurrentHashMap<>();
    private static final long REAP_INTERVAL_NANOS = 1_000_000_000L;
    /**
     * When {@link #reapDeadNowAndThen()} last reaped, in {@link System#nanoTime()}. NOTE: as if at the JVM's start, so
     * a run's first task does not end by reading all of /proc: a short run's zombies go when it ends.
     */
    private static final AtomicLong LAST_REAP = new AtomicLong(System.nanoTime());

    private AdoptedProcesses() {
    }

    /**
     * Starts {@code builder}'s process, known from then on as a child this JVM started, not one it adopted; first
     * makes this JVM a subreaper if it {@linkplain Subreaper#beforeFirstProcess() asked to be one}.
     */
    public static Process start(ProcessBuilder builder) throws IOException {
        Subreaper.becomeIfWanted();
        return startHeld(builder);
    }

    /**
     * As {@link #start}, without waiting for this JVM to become a subreaper first: for a process held until this JVM
     * releases it (a shell task waiting to be told to go), which must call {@link #beforeRelease()} before it does,
     * and for one that starts nothing that outlives it. NOTE: only what a process starts can be orphaned, so the
     * subreaper's set-up (about 100 ms of CPU, at a run's first process) need not come before the start itself: at a
     * run's first shell task the two then overlap.
     */
    public static Process startHeld(ProcessBuilder builder) throws IOException {
        GATE.readLock().lock();
        try {
            Process process = builder.start();
            OWN.put(process.pid(), process);
            process.onExit().thenRun(() -> OWN.remove(process.pid(), process));
            return process;
        } finally {
            GATE.readLock().unlock();
        }
    }

    /**
     * Does the one-time work of this JVM's first process start that starts none, for a JVM that will start one soon
     * (a job with shell tasks was read), on two daemon threads: becoming a subreaper if it asked to be one (the FFM
     * API's set-up, about 100 ms of CPU on a busy machine), and the JDK's look-up of a logging back-end, which
     * {@link ProcessBuilder#start} makes at its first call and which reads every jar of the class path (Hazelcast's
     * alone has 12,000 entries: 30-40 ms). NOTE: on two threads, as one after the other the look-up was not done when
     * a YAML run's first shell task started its process, which waited 20 ms for it. The first start then finds both
     * done, or waits for the subreaper's (see {@link #start}). Once per JVM.
     */
    public static void prepareInBackground() {
        LOGGING_AHEAD.start();
        FIRST_START_AHEAD.start();
    }

    private static final SetUpAhead LOGGING_AHEAD = new SetUpAhead("jobrun-logging-setup",
            () -> System.getLogger(ProcessBuilder.class.getName()));

    private static final SetUpAhead FIRST_START_AHEAD = new SetUpAhead("jobrun-process-setup",
            Subreaper::becomeIfWanted);

    /** Makes this JVM a subreaper, if it asked to be one, before a process {@link #startHeld started held} goes on. */
    public static void beforeRelease() {
        Subreaper.becomeIfWanted();
    }

    /** The live or dead orphans this JVM adopted that {@code which} accepts; empty unless it is a subreaper. */
    public static List<Facts> find(Predicate<Facts> which) {
        if (!Subreaper.active()) {
            return List.of();
        }
        long session = Facts.of(ProcessHandle.current()).map(Facts::session).orElse(-1L);
        List<Facts> found = new ArrayList<>();
        GATE.writeLock().lock();
        try {
            for (ProcessHandle child : ProcessHandle.current().children().toList()) {
                Process own = OWN.get(child.pid());
                if (own != null && own.isAlive()) {
                    continue;
                }
                Optional<Facts> facts = Facts.of(child);
                if (facts.isPresent() && facts.get().session() != session && which.test(facts.get())) {
                    found.add(facts.get());
                }
            }
        } finally {
            GATE.writeLock().unlock();
        }
        return found;
    }

    /**
     * {@link #reapDead()}, unless that was done less than a second ago: for after each task, as listing this JVM's
     * children reads all of /proc (milliseconds on a busy machine), and a zombie only takes a pid until then.
     */
    public static void reapDeadNowAndThen() {
        long now = System.nanoTime();
        long last = LAST_REAP.get();
        if (Subreaper.active() && now - last >= REAP_INTERVAL_NANOS && LAST_REAP.compareAndSet(last, now)) {
            reapDead();
        }
    }

    /** Reaps the dead orphans this JVM adopted, which would otherwise stay zombies until it ends. */
    public static void reapDead() {
        for (Facts zombie : find(Facts::dead)) {
            Subreaper.reap(zombie.process());
        }
    }

    /**
     * Kills {@code processes} (descendants of a tree being killed, or orphans this JVM adopted from it) and reaps
     * each once it has died and become this JVM's child, which it does when it was adopted or its parent died too.
     *
     * @return those still alive after 5 seconds of this: escaped; empty as a rule
     */
    public static List<ProcessHandle> killAndReap(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroyForcibly);
        if (!Subreaper.active()) {
            return List.of();
        }
        List<ProcessHandle> left = new ArrayList<>(processes);
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (true) {
            left.removeIf(AdoptedProcesses::goneOrReaped);
            if (left.isEmpty() || System.nanoTime() - deadline > 0) {
                return left;
            }
            LockSupport.parkNanos(ROUND_PAUSE_NANOS); // lets the kernel end the killed and re-parent them here
        }
    }

    /** Whether {@code process} is gone, or was a dead child of this JVM and is reaped now. */
    private static boolean goneOrReaped(ProcessHandle process) {
        Optional<ProcessHandle> now = ProcessHandle.of(process.pid());
        if (now.isEmpty() || !now.get().equals(process)) {
            return true; // reaped by its parent, or by us: the pid is free or another process's
        }
        Optional<Facts> facts = Facts.of(process);
        if (facts.isEmpty()) {
            return true;
        }
        // NOTE: a child of this JVM that the JDK did not start is reaped by nobody else, so its pid cannot be reused
        // between the check above and the wait
        return facts.get().parent() == ProcessHandle.current().pid() && facts.get().dead()
                && OWN.get(process.pid()) == null && Subreaper.reap(process);
    }

    /** What {@code /proc/PID/stat} says of a process: its state, parent, session and start. */
    public record Facts(ProcessHandle process, char state, long parent, long session) {
        /** The facts of {@code process}, or empty when it is gone. */
        public static Optional<Facts> of(ProcessHandle process) {
            String stat;
            try {
                stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            } catch (IOException | RuntimeException gone) {
                return Optional.empty();
            }
            // NOTE: the command name, in parentheses, may hold spaces and parentheses: the fields follow the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            try {
                return Optional.of(new Facts(process, fields[0].charAt(0), Long.parseLong(fields[1]),
                        Long.parseLong(fields[3])));
            } catch (RuntimeException malformed) {
                return Optional.empty();
            }
        }

        /** A zombie: dead, waiting to be reaped. */
        public boolean dead() {
            return state == 'Z' || state == 'X';
        }

        /** Whether it started at {@code instant} or later (to the clock tick). */
        public boolean startedSince(Instant instant) {
            return process.info().startInstant().map(start -> !start.isBefore(instant)).orElse(false);
        }
    }
}
