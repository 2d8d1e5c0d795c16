package io.jobrun.futures;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * Finishes the accepted work of every executor before the JVM exits, as CPython does at interpreter exit.
 *
 * <p>Worker threads are daemons, so an idle pool never keeps the JVM alive; in exchange this hook, run at JVM
 * shutdown, waits for the work of every executor that still has some: one nobody shut down, and one shut down with
 * {@code wait=false} whose tasks are still running or queued (CPython gh-83386). From the moment it starts, every
 * executor refuses new work with CPython's "cannot schedule new futures after interpreter shutdown", so nothing is
 * accepted that the JVM would then drop.
 *
 * <p>A task that calls {@code System.exit} blocks in it for good: the JVM runs this hook and waits for it before it
 * halts. The pools therefore never wait for a worker blocked in exit ({@link #isBlockedInExit}): its slot goes to a
 * fresh thread, so queued work still runs, and its future fails with {@link SystemExitException}.
 */
// Public, with register/unregister, for io.jobrun.futures.process.ProcessPoolExecutor, which must join the same hook.
public final class ExitHook {
    /** CPython's message for a submit once interpreter exit has begun. */
    public static final String AFTER_EXIT = "cannot schedule new futures after interpreter shutdown";

    /** Executors that may still have work: not yet terminated, in creation order. Guarded by the class. */
    private static final Set<Executor> LIVE = new LinkedHashSet<>();
    /** Guarded by the class. */
    private static boolean installed;
    /** Set once, first thing at JVM exit; read without a lock by every submit. */
    private static volatile boolean exiting;

    private ExitHook() {
    }

    /** Adds a new executor; its work will be finished at JVM exit unless it terminates first. */
    public static synchronized void register(Executor executor) {
        if (exiting) {
            return; // its submits are refused, so it will never have work to finish
        }
        if (!installed) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(ExitHook::finishAll, "jobrun-exit"));
            } catch (IllegalStateException shutdownInProgress) {
                // The first executor of this JVM is created while it exits: refuse its work as CPython would.
                exiting = true;
                return;
            }
            installed = true;
        }
        LIVE.add(executor);
    }

    /** Removes an executor that has terminated: it accepts no work and has none left. */
    public static synchronized void unregister(Executor executor) {
        LIVE.remove(executor);
    }

    /** Whether the JVM has begun to exit (this hook is running, or ran). */
    public static boolean exiting() {
        return exiting;
    }

    /**
     * Throws CPython's refusal if the JVM has begun to exit. An executor calls it under its own lock, after its
     * broken check and before its shutdown check, in every submit.
     */
    public static void refuseIfExiting() {
        if (exiting) {
            throw new RejectedExecutionException(AFTER_EXIT);
        }
    }

    /**
     * Whether {@code thread} is blocked in {@code System.exit} (or {@code Runtime.exit}): it called exit, or called it
     * while the JVM was already exiting. Such a thread never returns.
     */
    public static boolean isBlockedInExit(Thread thread) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.BLOCKED && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals("java.lang.Shutdown")) {
                return true;
            }
        }
        return false;
    }

    private static void finishAll() {
        // NOTE: the flag goes up before the copy, so an executor registered after the copy refuses all its work.
        exiting = true;
        List<Executor> executors;
        synchronized (ExitHook.class) {
            executors = new ArrayList<>(LIVE);
        }
        for (Executor executor : executors) {
            try {
                executor.shutdown(true, false);
            } catch (RuntimeException e) {
                FuturesLog.get().error("{} could not finish its work at exit", executor, e);
            }
        }
    }
}
