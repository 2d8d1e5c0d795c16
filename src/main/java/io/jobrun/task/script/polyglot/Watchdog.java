package io.jobrun.task.script.polyglot;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels running scripts whose time limit passed or whose worker thread was interrupted.
 *
 * <p>Why: a script in a tight loop never looks at its thread's interrupt status, and the core enforces a per-task time
 * limit (and shutdown, and Ctrl-C) by interrupting the worker thread. An {@link InterruptHook} reports an interrupt at
 * once; as a second line, and for the scripts' own time limits, one daemon thread polls the running scripts every
 * {@link #POLL_MILLIS} ms (and sleeps when none run). A script is cancelled with {@code Context.close(true)}, which
 * stops guest code in any language within milliseconds. The close runs on a thread of its own: it waits for the
 * guest to stop, and must hold up neither the interrupting thread nor the other scripts' limits.
 */
final class Watchdog {
    static final long POLL_MILLIS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    /** Scripts running now; added and removed by worker threads, scanned by the watchdog thread. */
    private final Set<Execution> running = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    Watchdog() {
        thread = Thread.ofPlatform().name("jobrun-script-watchdog").daemon().unstarted(this::watch);
        thread.start();
    }

    void add(Execution execution) {
        running.add(execution);
        LockSupport.unpark(thread);
    }

    void remove(Execution execution) {
        running.remove(execution);
    }

    private void watch() {
        while (true) {
            if (running.isEmpty()) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            }
            long now = System.nanoTime();
            for (Execution execution : running) {
                if (execution.worker.isInterrupted()) {
                    cancel(execution, Execution.State.INTERRUPTED);
                } else if (execution.overTime(now)) {
                    cancel(execution, Execution.State.TIMED_OUT);
                }
            }
        }
    }

    /** Cancels a script because its worker thread was interrupted; called in the interrupting thread. */
    void interrupted(Execution execution) {
        cancel(execution, Execution.State.INTERRUPTED);
    }

    private void cancel(Execution execution, Execution.State reason) {
        if (!execution.cancel(reason)) {
            return;
        }
        running.remove(execution);
        Context context = execution.context();
        if (context == null) {
            return;  // still acquiring its context: the worker sees the state and closes that context itself
        }
        Thread.ofPlatform().name("jobrun-script-cancel").daemon().start(() -> {
            try {
                context.close(true);
            } catch (RuntimeException e) {
                // The worker sees the cancellation (or finishes); nothing here to act on, but keep the trace.
                LOG.debug("closing a cancelled script context failed", e);
            }
        });
    }
}
