package io.jobrun.futures.process;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells whoever listens about each child process this JVM starts for work (a worker JVM, a shell command), so that a
 * record of the run can name them: a process still alive after its runner died is an orphan that nobody will collect.
 * Listeners are called on the thread that started the process and must be quick.
 */
public final class ChildProcesses {
    /** Hears of a child process just started; {@code what} says what it runs ("worker JVM", "shell build"). */
    @FunctionalInterface
    public interface Listener {
        void started(ProcessHandle process, String what);
    }

    /** What a process pool's worker is called: how a record of the run tells worker JVMs from shell trees. */
    public static final String WORKER_JVM = "worker JVM";

    private static final List<Listener> LISTENERS = new CopyOnWriteArrayList<>();

    private ChildProcesses() {
    }

    /** Adds {@code listener} until the returned handle is closed. */
    public static AutoCloseable listen(Listener listener) {
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    /** Says that {@code process} was just started to run {@code what}. */
    public static void started(Process process, String what) {
        if (LISTENERS.isEmpty()) {
            return;
        }
        ProcessHandle handle = process.toHandle();
        for (Listener listener : LISTENERS) {
            try {
                listener.started(handle, what);
            } catch (RuntimeException e) {
                // a record that cannot be kept must not stop the work; the listener reports its own failures
            }
        }
    }
}
