package io.jobrun.futures.process;

/**
 * What a task running in a worker JVM tells the JVM that submitted it while it runs, before its result: lines it
 * prints, say, for someone who watches them live. CPython's process pool has no such channel (a task's prints go to
 * the worker's own stdout); here a value {@link #report reported} in the worker reaches the submitted task object
 * itself, when it is a {@link Listener}, in the submitting JVM, before the task's result does.
 */
public final class TaskProgress {
    private TaskProgress() {
    }

    /** A task that hears, in the JVM that submitted it, what its copy in a worker reports. */
    public interface Listener {
        /**
         * Called from the pool's reader thread of the worker, in the order the values were reported, all before the
         * task's future completes; it must not block.
         */
        void progress(Object value);
    }

    /**
     * Sends {@code value} (a String, a number, or anything serializable) to the submitting JVM's copy of the task this
     * thread's worker runs now.
     *
     * @return false, and nothing is sent, when this is not a worker JVM or it runs no task at the moment: the caller
     *         then keeps the value itself
     */
    public static boolean report(Object value) {
        return WorkerMain.reportProgress(value);
    }

    /** Whether {@link #report} can send now: this JVM is a worker that runs a task. */
    public static boolean available() {
        return WorkerMain.runsATask();
    }
}
