package io.jobrun.run;

import io.jobrun.futures.Task;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One try at running a task instance: the code a worker thread runs, and what the interpreter needs to stop it. For
 * a process executor the attempt stays here and tracks work sent to a worker JVM instead.
 */
final class Attempt implements Task<Object> {
    private final transient Task<Object> body;
    private final transient Runnable onStart;
    private final transient Ticker ticker;
    /** The worker running the body; set while it runs, for interrupting it. */
    private transient volatile Thread worker;
    /** Ticker time when a worker started the body, or -1 when it never started. */
    private volatile long startNanos = -1;
    private final transient CountDownLatch returned = new CountDownLatch(1);

    Attempt(Task<Object> body, Runnable onStart, Ticker ticker) {
        this.body = body;
        this.onStart = onStart;
        this.ticker = ticker;
    }

    @Override
    public Object call() throws Exception {
        worker = Thread.currentThread();
        startNanos = ticker.nanos();
        try {
            onStart.run();
            return body.call();
        } finally {
            worker = null;
            returned.countDown();
        }
    }

    /**
     * Starts an attempt whose body runs elsewhere (a worker JVM): it counts as started from now, and as returned
     * when {@link #returnedElsewhere()} is called, at the end of its future.
     */
    void startedElsewhere() {
        startNanos = ticker.nanos();
        onStart.run();
    }

    void returnedElsewhere() {
        returned.countDown();
    }

    long startNanos() {
        return startNanos;
    }

    boolean started() {
        return startNanos >= 0;
    }

    void interrupt() {
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Whether the body has returned (or never started) within {@code millis}; false means it leaked. */
    boolean awaitReturn(long millis) {
        if (!started()) {
            return true;
        }
        try {
            return returned.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return returned.getCount() == 0;
        }
    }
}
