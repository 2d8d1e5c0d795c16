package io.jobrun.run;

/** Waiting for a thread whose work must be finished, whatever interrupts the one that waits. */
public final class ThreadJoin {
    private ThreadJoin() {
    }

    /**
     * Returns once {@code thread} (null: none) ended, and whether the waiting thread was interrupted meanwhile. NOTE:
     * an interrupt (a stop signal as the run ends) does not cut the wait short, as what the thread finishes (a
     * report's last events, a journal's last lines on disk) would be lost; the caller sets the flag again once it has
     * done what a set flag would break (a file channel closes itself on an interrupted thread).
     */
    public static boolean uninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread != null && thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }
}
