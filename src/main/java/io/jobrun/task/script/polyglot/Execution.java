package io.jobrun.task.script.polyglot;

import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Context;

/**
 * One script run on one worker thread, as the {@link Watchdog} and the {@link InterruptHook} see it: from before its
 * context is acquired (creating a Python context takes long enough to be interrupted) until it returns.
 *
 * <p>The worker and the cancellers race to settle it; the state decides who wins:
 * RUNNING -> FINISHED (the worker returned or threw first; the context is still good), or
 * RUNNING -> TIMED_OUT / INTERRUPTED (a canceller closes the context, if it has one yet; the worker must report that
 * outcome and drop the context, whatever its evaluation returned), and
 * FINISHED -> INTERRUPTED (the worker itself saw the guest stop for an interrupt that the hook had not settled yet).
 */
final class Execution {
    enum State { RUNNING, FINISHED, TIMED_OUT, INTERRUPTED }

    final Thread worker;
    /** The time limit, or null for none; its clock starts when the script's code does ({@link #startClock}). */
    private final java.time.Duration timeLimit;
    /** System.nanoTime() at which the time limit passes; meaningful once {@link #clockRunning}. */
    private volatile long deadline;
    /** Set by the worker when the script's code starts: acquiring a context is not charged to the limit. */
    private volatile boolean clockRunning;
    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    /** Set once by the worker when it has a context; read by the canceller after it won the state. */
    private volatile Context context;

    Execution(Thread worker, java.time.Duration timeLimit) {
        this.worker = worker;
        this.timeLimit = timeLimit;
    }

    /** The worker's move when the script's code is about to start: from now on the time limit counts. */
    void startClock() {
        if (timeLimit != null) {
            long nanos;
            try {
                nanos = timeLimit.toNanos();
            } catch (ArithmeticException e) {
                nanos = Long.MAX_VALUE / 2;
            }
            deadline = System.nanoTime() + nanos;
            clockRunning = true;
        }
    }

    /** Whether the time limit has passed at {@code now} (System.nanoTime()). */
    boolean overTime(long now) {
        return clockRunning && now - deadline >= 0;
    }

    /**
     * The worker's move once it has its context: true when the run is still on. When a canceller won before the
     * context was known, the worker closes it itself.
     */
    boolean attach(Context acquired) {
        context = acquired;
        // NOTE: written before the state is read, and the canceller writes the state before reading the context:
        // so at least one of the two sees the other and the context is closed.
        return state.get() == State.RUNNING;
    }

    /** The worker's move: true when the script finished before any cancellation. */
    boolean finish() {
        return state.compareAndSet(State.RUNNING, State.FINISHED);
    }

    /** A canceller's move: true when this call is the one that cancels; then close {@link #context()} if set. */
    boolean cancel(State reason) {
        return state.compareAndSet(State.RUNNING, reason);
    }

    /** The worker's move when the interrupt reached the guest before the hook: FINISHED -> INTERRUPTED. */
    void markInterrupted() {
        state.compareAndSet(State.FINISHED, State.INTERRUPTED);
    }

    State state() {
        return state.get();
    }

    /** The context, or null while it is still being acquired. */
    Context context() {
        return context;
    }
}
