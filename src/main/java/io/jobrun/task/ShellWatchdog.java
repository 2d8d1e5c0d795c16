package io.jobrun.task;

import io.jobrun.futures.SetUpAhead;
import io.jobrun.futures.process.AdoptedProcesses;
import io.jobrun.futures.process.ProcessMark;
import io.jobrun.futures.process.ProcessTree;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Makes the process groups of running shell tasks die with this JVM, even when it is killed with SIGKILL and runs no
 * code of its own on the way out.
 *
 * <p>A small {@code /bin/sh} loop, started once per JVM (on the first shell task) in a session of its own, reads one
 * line per change from a pipe that this JVM holds: {@code + PGID TOKEN} when a shell task starts, {@code - PGID TOKEN}
 * when it ends, {@code k PGID TOKEN} to kill a group now. TOKEN is the task's {@link ProcessMark}, which everything
 * the task starts inherits. Only this JVM holds the pipe's write end (the JDK closes every other descriptor in the
 * processes it starts), so end-of-file means this JVM is gone, however it went: the loop then kills every group still
 * registered, then every process bearing one of their marks (one that left its group with {@code setsid} and was
 * left to init), and exits. Its own session keeps it out of the signals meant for jobrun: a terminal's Ctrl-C, or a
 * CI runner's SIGKILL to jobrun's whole process group.
 *
 * <p>A task's shell runs nothing before its group is registered (see {@link #start}). If the loop itself dies
 * (someone killed it), the next change starts a new one and tells it every group registered so far.
 *
 * <p>At an orderly exit with no group registered, a shutdown hook closes the pipe and waits for the loop to end
 * (see {@link #endIfIdle}). NOTE: otherwise the JDK thread that waits for the loop ({@code wait4}) is still in native
 * code when the JVM exits, and HotSpot's exit waits up to 300 ms for such threads before it gives up on them: a third
 * of a short run's wall time.
 */
final class ShellWatchdog {
    /** util-linux's setsid; without it, shell tasks stay in jobrun's process group and there is no watchdog. */
    static final Path SETSID = firstExecutable(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final Path SHELL = Path.of("/bin/sh");
    private static final String LOOP = """
            trap '' INT HUP
            groups=' '
            marks=' '
            while read -r verb group mark; do
              case $verb in
                +) groups="$groups$group " marks="$marks$mark " ;;
                -) case $groups in *" $group "*) groups="${groups%% $group *} ${groups#* $group }" ;; esac
                   case $marks in *" $mark "*) marks="${marks%% $mark *} ${marks#* $mark }" ;; esac ;;
                k) kill -9 "-$group" 2>/dev/null ;;
              esac
            done
            for group in $groups; do kill -9 "-$group" 2>/dev/null; done
            patterns=''
            for mark in $marks; do [ "$mark" = none ] || patterns="$patterns -e MARK_PREFIX${mark}=1"; done
            [ -n "$patterns" ] || exit 0
            # NOTE: one grep per round reads every environ (-z: entries end with NUL), so this takes a moment even on
            # a busy machine; a round that finds nothing ends it, and so does the fifth (one that forks as it dies)
            for round in 1 2 3 4 5; do
              found=$(grep -lsxz $patterns /proc/[0-9]*/environ)
              [ -n "$found" ] || exit 0
              for environ in $found; do
                pid=${environ#/proc/}
                kill -9 "${pid%/environ}" 2>/dev/null
              done
            done
            """.replace("MARK_PREFIX", ProcessMark.VARIABLE_PREFIX);
    /** A shell task's first shell: it waits for "go", then becomes the task's own shell (same pid, same group). */
    private static final String AWAIT_GO = "read -r go && [ \"$go\" = go ] && exec " + SHELL + " -c \"$0\" </dev/null\n"
            + "exit 125\n";
    private static final byte[] GO = "go\n".getBytes(StandardCharsets.US_ASCII);
    /** How long an orderly exit waits for an idle loop to end; a guard only, as it has nothing left to do. */
    private static final long IDLE_END_MILLIS = 2_000;
    private static final ShellWatchdog INSTANCE = new ShellWatchdog();
    private static final OrphanClaims CLAIMS = new OrphanClaims();

    /** The process groups of running shell tasks, each with its mark's token ("none" without /proc). Guarded by this. */
    private final Map<Long, String> groups = new LinkedHashMap<>();
    /** The loop's stdin, or null before the first task and after the loop died. Guarded by this. */
    private OutputStream pipe;
    /** The loop, or null before the first task. Guarded by this. */
    private Process loop;

    /** Whether the shutdown hook that ends an idle loop is registered. Guarded by this. */
    private boolean hooked;

    private ShellWatchdog() {
    }

    /** Whether shell tasks run in process groups of their own, watched: a Unix with /bin/sh and setsid. */
    static boolean available() {
        return SETSID != null && Files.isExecutable(SHELL);
    }

    /**
     * The command line that runs {@code script} in a new session, so in a process group whose id is its pid. It
     * waits for a go-ahead on its stdin before it runs the script (see {@link #start}).
     */
    static List<String> command(String script) {
        return available() ? List.of(SETSID.toString(), SHELL.toString(), "-c", AWAIT_GO, script)
                : List.of(SHELL.toString(), "-c", script);
    }

    /**
     * Starts the shell task {@code builder} describes (its command from {@link #command}) and watches its group until
     * {@link Group#close()}. NOTE: the task's shell runs nothing before the watchdog knows its group: it waits for
     * "go" on its stdin, written only after the registration, so a JVM killed in between leaves nothing running
     * (its shell reads end-of-file and exits).
     */
    static Group start(ProcessBuilder builder) throws IOException {
        if (!available()) {
            Process process = builder.start();
            process.getOutputStream().close();
            return new Group(process, null, OrphanClaims.Claim.NONE);
        }
        OrphanClaims.Claim claim = CLAIMS.starting();
        ProcessMark mark = ProcessMark.supported() ? ProcessMark.create() : null;
        if (mark != null) {
            mark.applyTo(builder);
        }
        Process process;
        try {
            // NOTE: started before the loop runs and before this JVM is a subreaper, both of which it waits for below
            // before it is told to go: at a run's first task the three starts overlap.
            process = AdoptedProcesses.startHeld(builder);
        } catch (IOException | RuntimeException e) {
            CLAIMS.ended();
            throw e;
        }
        Group group = new Group(process, mark, claim);
        LOOP_AHEAD.await(); // NOTE: an interrupt (the task stopped) ends the wait; the task takes the lock after
        AdoptedProcesses.beforeRelease();
        INSTANCE.send('+', group);
        try (OutputStream go = process.getOutputStream()) {
            go.write(GO);
        } catch (IOException e) {
            // the shell is gone already; its exit status says so
        }
        return group;
    }

    /**
     * Starts the loop now, on a daemon thread, for a run that will start shell tasks in this JVM: its process start
     * (and the JDK's own set-up at a JVM's first process start, which looks for a logging back-end in every jar of
     * the class path) then runs beside the rest of the run's start rather than in front of its first shell task,
     * which waits for it to end if it has not (see {@link #start}). Once per JVM.
     */
    static void prepareInBackground() {
        if (available()) {
            LOOP_AHEAD.start();
        }
    }

    /** The loop's start, made ahead by {@link #prepareInBackground()}. */
    private static final SetUpAhead LOOP_AHEAD = new SetUpAhead("jobrun-shell-watchdog-start", () -> {
        synchronized (INSTANCE) {
            INSTANCE.ensureLoop();
        }
    });

    /** The pid of the watchdog loop when one runs, else -1; for tests. */
    static long loopPid() {
        synchronized (INSTANCE) {
            return INSTANCE.loop != null && INSTANCE.loop.isAlive() ? INSTANCE.loop.pid() : -1;
        }
    }

    /**
     * Ends the loop when no group is registered, and waits for it: the JVM's orderly exit, in a shutdown hook. With
     * groups still registered (a run stopped by the JVM's exit), the loop is left to the end-of-file the exit gives
     * it, which kills them. A shell task started after this starts a new loop. Returns whether no loop runs now.
     */
    static boolean endIfIdle() {
        Process ended;
        synchronized (INSTANCE) {
            if (!INSTANCE.groups.isEmpty()) {
                return false;
            }
            ended = INSTANCE.loop;
            INSTANCE.closePipe();
        }
        try {
            return ended == null || ended.waitFor(IDLE_END_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void closePipe() {
        if (pipe != null) {
            try {
                pipe.close();
            } catch (IOException e) {
                // the loop is gone already: nothing to end
            }
            pipe = null;
        }
    }

    private synchronized void send(char verb, Group group) {
        if (verb == '+') {
            groups.put(group.id(), group.token());
        } else if (verb == '-') {
            groups.remove(group.id());
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                boolean fresh = ensureLoop();
                if (!fresh || verb == 'k') {
                    write(verb + " " + group.id() + " " + group.token() + "\n");
                }
                return;
            } catch (IOException e) {
                // the loop died: start another one, which learns every group at its start
                pipe = null;
            }
        }
    }

    /** Starts the loop when there is none; true when it was started now (and told every group). */
    private boolean ensureLoop() {
        if (pipe != null && loop.isAlive()) {
            return false;
        }
        closePipe();
        try {
            // NOTE: the loop starts nothing that outlives it, so it need not wait for the subreaper's set-up
            loop = AdoptedProcesses.startHeld(new ProcessBuilder(SETSID.toString(), SHELL.toString(), "-c", LOOP)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD));
            pipe = loop.getOutputStream();
            hookOnce();
            StringBuilder all = new StringBuilder();
            groups.forEach((group, token) -> all.append("+ ").append(group).append(' ').append(token).append('\n'));
            write(all.toString());
        } catch (IOException e) {
            // no watchdog: the groups still die with their tasks, just not with a JVM killed by SIGKILL
            pipe = null;
        }
        return true;
    }

    private void hookOnce() {
        if (!hooked) {
            hooked = true;
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(ShellWatchdog::endIfIdle, "jobrun-shell-watchdog-end"));
            } catch (IllegalStateException e) {
                // the JVM is exiting already: the loop ends with it, a little later
            }
        }
    }

    private void write(String lines) throws IOException {
        if (pipe != null && !lines.isEmpty()) {
            pipe.write(lines.getBytes(StandardCharsets.US_ASCII));
            pipe.flush();
        }
    }

    private static Path firstExecutable(Path... candidates) {
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** A shell task's process group while it runs. */
    static final class Group implements AutoCloseable {
        private final Process leader;
        /** Borne by every process the task starts, for those that leave its group; null without /proc. */
        private final ProcessMark mark;
        /** Which orphans this JVM adopted it may claim (see {@link OrphanClaims}). */
        private final OrphanClaims.Claim claim;
        /** When the leader started: an orphan older than that is not the task's. */
        private final Instant started;

        private Group(Process leader, ProcessMark mark, OrphanClaims.Claim claim) {
            this.leader = leader;
            this.mark = mark;
            this.claim = claim;
            this.started = leader.info().startInstant().orElse(Instant.MAX);
        }

        long id() {
            return leader.pid();
        }

        String token() {
            return mark != null ? mark.token() : "none";
        }

        /** The task's shell, which leads the group. */
        Process process() {
            return leader;
        }

        /**
         * Kills the leader and what it started: its descendants now, through the watchdog every process left in its
         * group (one that a grandchild started and left to init, outside the tree), by its mark those that also
         * left the group ({@code setsid}), and, where this JVM is a {@link io.jobrun.futures.process.Subreaper}, the
         * orphans of its tree that this JVM adopted, as far as {@link OrphanClaims} tells them apart.
         *
         * @return the orphans this JVM adopted since the task started that may be another task's, left running
         */
        List<ProcessHandle> kill() {
            List<ProcessHandle> killed = ProcessTree.kill(leader.toHandle());
            if (available()) {
                INSTANCE.send('k', this);
            }
            if (mark != null) {
                mark.killAll();
            }
            return CLAIMS.killWithOrphans(claim, leader.pid(), started, killed);
        }

        /** The task is over: its group is no longer watched, and the orphans this JVM adopted that died are reaped. */
        @Override
        public void close() {
            if (available()) {
                INSTANCE.send('-', this);
                CLAIMS.ended();
            }
            AdoptedProcesses.reapDeadNowAndThen();
        }
    }
}
