package io.jobrun.futures;

/**
 * One-time work that a JVM does ahead, on a daemon thread of its own, beside the rest of its start: whoever needs it
 * done waits for that thread ({@link #await}) rather than doing the same work beside it. Used for what the JDK sets up
 * at a first use (a first process start, the first secure random number) and for the first start of a helper process.
 */
public final class SetUpAhead {
    private final String name;
    private final Runnable work;
    /** The thread doing the work once {@link #start()} was called, else null. Guarded by this. */
    private Thread thread;

    /** @param name the thread's name, which says what it sets up ("jobrun-identity-setup") */
    public SetUpAhead(String name, Runnable work) {
        this.name = name;
        this.work = work;
    }

    /** Starts the work on its thread; once: later calls do nothing. */
    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name(name).start(work);
        }
    }

    /**
     * Waits for the work to end, when it was started (and this is not its own thread). NOTE: an interrupt ends the
     * wait and is kept; the work goes on, and what the caller then does itself waits as the JDK initializes a class
     * or takes a lock the work holds.
     */
    public void await() {
        Thread started;
        synchronized (this) {
            started = thread;
        }
        if (started != null && started != Thread.currentThread()) {
            try {
                started.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
