package io.jobrun.futures.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A JVM of its own for {@link SubreaperTests}, as becoming a subreaper cannot be undone: it becomes one, lets a shell
 * orphan a sleeper that cleared its environment and left its session and one that dies at once, and prints what it
 * finds among its children and what killing and reaping leave, one fact a line.
 */
public final class SubreaperProbe {
    private SubreaperProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("subreaper: " + Subreaper.become());
        Process own = AdoptedProcesses.start(new ProcessBuilder("setsid", "sleep", "300"));
        long sleeper = orphan("env -i setsid sleep 300");
        // NOTE: it exits once this JVM has adopted it (or after 30 s): exiting sooner, under load, while the shell
        // that started it still ran, it could be reaped by that shell and never be this JVM's zombie
        long quitter = orphan("env -i setsid sh -c 'i=0; while [ \"$(cut -d\" \" -f4 /proc/$$/stat)\" != "
                + ProcessHandle.current().pid() + " ] && [ $i -lt 3000 ]; do sleep 0.01; i=$((i+1)); done; exit 0'");
        ProcessFiles.until(() -> state(quitter) == 'Z', "the orphan that exits to be a zombie");
        List<Long> adopted = AdoptedProcesses.find(orphan -> true).stream().map(orphan -> orphan.process().pid())
                .toList();
        System.out.println("adopted the sleeper: " + adopted.contains(sleeper));
        System.out.println("adopted the dead one: " + adopted.contains(quitter));
        System.out.println("took its own child for adopted: " + adopted.contains(own.pid()));
        System.out.println("the dead one is still a zombie here: " + (state(quitter) == 'Z'));
        AdoptedProcesses.reapDead();
        System.out.println("the dead one after reapDead: " + describe(quitter));
        ProcessHandle handle = ProcessHandle.of(sleeper).orElseThrow();
        System.out.println("survivors of killAndReap: " + AdoptedProcesses.killAndReap(List.of(handle)));
        System.out.println("the sleeper after killAndReap: " + describe(sleeper));
        System.out.println("its own child after all this: " + (own.isAlive() ? "running" : "ended"));
        own.destroyForcibly();
    }

    /** Runs {@code command} in the background of a shell that exits at once, and returns its pid. */
    private static long orphan(String command) throws Exception {
        Process shell = AdoptedProcesses.start(new ProcessBuilder("sh", "-c",
                "(" + command + " </dev/null >/dev/null 2>&1 & echo $!)").redirectErrorStream(true));
        long pid = Long.parseLong(new String(shell.getInputStream().readAllBytes()).strip());
        shell.waitFor();
        return pid;
    }

    private static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (java.io.IOException gone) {
            return '-';
        }
    }

    private static String describe(long pid) {
        char state = state(pid);
        return state == '-' ? "gone" : state == 'Z' ? "a zombie" : "running";
    }
}
