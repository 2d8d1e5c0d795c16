package io.jobrun.task;

import io.jobrun.futures.process.ProcessTree;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes the process groups of running shell tasks die with this JVM, even when it is killed with SIGKILL and runs no
 * code of its own on the way out.
 *
 * <p>A small {@code /bin/sh} loop, started once per JVM (on the first shell task) in a session of its own, reads one
 * line per change from a pipe that this JVM holds: {@code + PGID} when a shell task starts, {@code - PGID} when it
 * ends, {@code k PGID} to kill a group now. Only this JVM holds the pipe's write end (the JDK closes every other
 * descriptor in the processes it starts), so end-of-file means this JVM is gone, however it went: the loop then kills
 * every group still registered and exits. Its own session keeps it out of the signals meant for jobrun: a terminal's
 * Ctrl-C, or a CI runner's SIGKILL to jobrun's whole process group.
 *
 * <p>A task's shell runs nothing before its group is registered (see {@link #start}). If the loop itself dies
 * (someone killed it), the next change starts a new one and tells it every group registered so far.
 */
final class ShellWatchdog {
    /** util-linux's setsid; without it, shell tasks stay in jobrun's process group and there is no watchdog. */
    static final Path SETSID = firstExecutable(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final Path SHELL = Path.of("/bin/sh");
    private static final String LOOP = """
            trap '' INT HUP
            groups=' '
            while read -r verb group; do
              case $verb in
                +) groups="$groups$group " ;;
                -) case $groups in *" $group "*) groups="${groups%% $group *} ${groups#* $group }" ;; esac ;;
                k) kill -9 "-$group" 2>/dev/null ;;
              esac
            done
            for group in $groups; do kill -9 "-$group" 2>/dev/null; done
            """;
    /** A shell task's first shell: it waits for "go", then becomes the task's own shell (same pid, same group). */
    private static final String AWAIT_GO = "read -r go && [ \"$go\" = go ] && exec " + SHELL + " -c \"$0\" </dev/null\n"
            + "exit 125\n";
    private static final byte[] GO = "go\n".getBytes(StandardCharsets.US_ASCII);
    private static final ShellWatchdog INSTANCE = new ShellWatchdog();

    /** The process groups of running shell tasks. Guarded by this. */
    private final Set<Long> groups = new LinkedHashSet<>();
    /** The loop's stdin, or null before the first task and after the loop died. Guarded by this. */
    private OutputStream pipe;
    /** The loop, or null before the first task. Guarded by this. */
    private Process loop;

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
            return new Group(process);
        }
        synchronized (INSTANCE) {
            INSTANCE.ensureLoop(); // before the task: starting the loop can take a while on a busy machine
        }
        Process process = builder.start();
        INSTANCE.send('+', process.pid());
        try (OutputStream go = process.getOutputStream()) {
            go.write(GO);
        } catch (IOException e) {
            // the shell is gone already; its exit status says so
        }
        return new Group(process);
    }

    /** The pid of the watchdog loop when one runs, else -1; for tests. */
    static long loopPid() {
        synchronized (INSTANCE) {
            return INSTANCE.loop != null && INSTANCE.loop.isAlive() ? INSTANCE.loop.pid() : -1;
        }
    }

    private synchronized void send(char verb, long group) {
        if (verb == '+') {
            groups.add(group);
        } else if (verb == '-') {
            groups.remove(group);
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                boolean fresh = ensureLoop();
                if (!fresh || verb == 'k') {
                    write(verb + " " + group + "\n");
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
        try {
            loop = new ProcessBuilder(SETSID.toString(), SHELL.toString(), "-c", LOOP)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            pipe = loop.getOutputStream();
            StringBuilder all = new StringBuilder();
            for (long group : groups) {
                all.append("+ ").append(group).append('\n');
            }
            write(all.toString());
        } catch (IOException e) {
            // no watchdog: the groups still die with their tasks, just not with a JVM killed by SIGKILL
            pipe = null;
        }
        return true;
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

        private Group(Process leader) {
            this.leader = leader;
        }

        /** The task's shell, which leads the group. */
        Process process() {
            return leader;
        }

        /**
         * Kills the leader and what it started: its descendants now, and, through the watchdog, every process left
         * in its group (one that a grandchild started and left to init, outside the tree).
         */
        void kill() {
            ProcessTree.kill(leader.toHandle());
            if (available()) {
                INSTANCE.send('k', leader.pid());
            }
        }

        /** The task is over: its group is no longer watched. */
        @Override
        public void close() {
            if (available()) {
                INSTANCE.send('-', leader.pid());
            }
        }
    }
}
