package io.jobrun.futures.process;

import java.util.List;
import java.util.Map;

/** Killing a process with everything it started, and saying in words how a process ended. */
public final class ProcessTree {
    private static final Map<Integer, String> SIGNALS = Map.ofEntries(
            Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"), Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"),
            Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"), Map.entry(8, "SIGFPE"), Map.entry(9, "SIGKILL"),
            Map.entry(11, "SIGSEGV"), Map.entry(13, "SIGPIPE"), Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"));

    private static final java.nio.file.Path KILL = java.nio.file.Path.of("/bin/kill");

    private ProcessTree() {
    }

    /**
     * Kills {@code root} and all its descendants with SIGKILL.
     *
     * <p>NOTE: the descendants are listed before the root dies: once it is dead they are re-parented and can no
     * longer be found from it. A process forked between the listing and the kill escapes; that window is
     * microseconds long. Nothing here waits for the processes to be gone: SIGKILL cannot be ignored, and a killed
     * grandchild's exit is only visible once init reaps it, which on some systems takes seconds.
     *
     * @return the descendants it killed, for {@link AdoptedProcesses#killAndReap} to reap those this JVM adopts
     */
    public static List<ProcessHandle> kill(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        root.destroyForcibly();
        for (ProcessHandle descendant : descendants) {
            descendant.destroyForcibly();
        }
        return descendants;
    }

    /**
     * Kills every process left in the process group that {@code leader} led, the leader being dead: what a worker
     * started before it died by itself. NOTE: call it before reaping the leader; while it is an unreaped zombie its
     * pid, which is the group's id, cannot be given to a new process.
     */
    static void killGroup(long leader) {
        if (!canKillGroups()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder(KILL.toString(), "-KILL", "--", "-" + leader)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, java.util.concurrent.TimeUnit.SECONDS); // "no such process" when nothing is left: fine
        } catch (java.io.IOException e) {
            // no kill(1) after all: the group's members are on their own, as they would be without this
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this system can signal a whole process group (a Unix with kill(1)). */
    static boolean canKillGroups() {
        return java.nio.file.Files.isExecutable(KILL);
    }

    /**
     * "died with signal 9 (SIGKILL)" or "exited with code 3". On Unix the JDK reports death by signal N as exit
     * code 128 + N, so a real {@code System.exit(137)} reads as SIGKILL too.
     */
    static String describeExit(int exitCode) {
        boolean unix = !System.getProperty("os.name", "").startsWith("Windows");
        if (unix && exitCode > 128 && exitCode < 160) {
            int signal = exitCode - 128;
            return "died with signal " + signal + " (" + SIGNALS.getOrDefault(signal, "SIG" + signal) + ")";
        }
        return "exited with code " + exitCode;
    }
}
