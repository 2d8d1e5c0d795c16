package io.jobrun.run;

/**
 * Where a run is in its life; the interpreter's thread is the only one that changes it.
 *
 * <pre>
 *   RUNNING --a required task failed (halt: first-failure)----------> HALTING
 *   RUNNING, HALTING --stop(cause): Ctrl-C, SIGTERM, SIGHUP, timeout--> STOPPING
 *   RUNNING, HALTING, STOPPING --every task instance is done--------> DONE
 * </pre>
 *
 * <p>RUNNING launches every task whose dependencies succeeded. HALTING launches nothing more and cancels what waits,
 * but lets running tasks finish. STOPPING also stops running tasks (threads interrupted, shell trees and worker JVMs
 * killed); a task that ignores it counts as leaked once its executor's leak grace has passed. DONE is final.
 */
public enum RunState {
    RUNNING,
    HALTING,
    STOPPING,
    DONE;

    /** Whether tasks may still be launched. */
    public boolean launches() {
        return this == RUNNING;
    }
}
