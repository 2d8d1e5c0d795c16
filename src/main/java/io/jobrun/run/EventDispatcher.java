package io.jobrun.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;

/**
 * Delivers a run's events to its listeners on one thread of its own, in the order they were published.
 *
 * <p>Why a thread: events are published by the interpreter's thread and by workers (an attempt starts on its worker);
 * a listener that writes a file or a terminal line must slow down neither, and must never run on a worker under
 * a pool's lock. Publishing stamps the event with the ticker's time and queues it under one lock, so the queue's
 * order is also the order of the instants.
 *
 * <p>Publishing wakes nobody: the thread looks at the queue every {@link #BATCH_MILLIS} ms and delivers what
 * gathered. A wake-up per event costs a context switch per event, which on a small machine made the listeners'
 * thread the runner's largest cost for jobs of many short tasks; a progress line that lags by a few milliseconds
 * costs nothing.
 */
final class EventDispatcher {
    /** How often the thread delivers what was published, at most. */
    static final long BATCH_MILLIS = 10;

    private final Ticker ticker;
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    /** What every event goes through before any listener sees it (the run's secrets masked); set before the run. */
    private volatile java.util.function.UnaryOperator<RunEvent> mask = java.util.function.UnaryOperator.identity();
    /** Listener failures so far, one line each; written by the dispatcher thread. */
    private final List<String> failures = new CopyOnWriteArrayList<>();
    /** Events not delivered yet. Guarded by this. */
    private final ArrayDeque<RunEvent> queue = new ArrayDeque<>();
    /** Set by {@link #close()}: deliver what is queued, then stop. Guarded by this. */
    private boolean closing;
    private Thread thread;

    EventDispatcher(Ticker ticker) {
        this.ticker = ticker;
    }

    void mask(java.util.function.UnaryOperator<RunEvent> mask) {
        this.mask = java.util.Objects.requireNonNull(mask, "mask");
    }

    void add(RunListener listener) {
        listeners.add(listener);
    }

    void start() {
        thread = Thread.ofPlatform().daemon().name("jobrun-events").start(this::deliverAll);
    }

    /**
     * Stamps and queues one event; returns its instant. Safe from any thread.
     *
     * @param event builds the event from its instant
     */
    synchronized long publish(LongFunction<RunEvent> event) {
        long at = ticker.nanos();
        queue.add(event.apply(at));
        return at;
    }

    /** Delivers what is queued, then stops the thread; returns when every listener has seen every event. */
    void close() {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        boolean interrupted = false;
        while (thread != null && thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                // NOTE: the report must still be complete; keep waiting and restore the flag afterwards.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** "a report listener failed on TaskFinished: ...", one line per failure so far. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    private void deliverAll() {
        List<RunEvent> batch = new ArrayList<>();
        while (true) {
            synchronized (this) {
                if (!closing) {
                    try {
                        wait(BATCH_MILLIS);
                    } catch (InterruptedException e) {
                        // nothing interrupts this thread on purpose; keep delivering
                    }
                }
                if (queue.isEmpty() && closing) {
                    return;
                }
                batch.addAll(queue);
                queue.clear();
            }
            for (RunEvent event : batch) {
                deliver(event);
            }
            batch.clear();
        }
    }

    private void deliver(RunEvent published) {
        // NOTE: masked once here, for every listener: no report, summary or journal sees the event as published.
        RunEvent event = mask.apply(published);
        for (RunListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                String failure = "a report listener failed on " + event.getClass().getSimpleName() + ": "
                        + ErrorText.of(e);
                failures.add(failure);
                if (!(event instanceof RunEvent.Warning)) {
                    RunEvent warning = new RunEvent.Warning(event.at(), failure);
                    for (RunListener other : listeners) {
                        if (other != listener) {
                            tell(other, warning);
                        }
                    }
                }
            }
        }
    }

    /** A warning about a failed listener; a listener that fails on it too is not told again. */
    private static void tell(RunListener listener, RunEvent warning) {
        try {
            listener.onEvent(warning);
        } catch (RuntimeException | LinkageError | StackOverflowError ignored) {
            // already counted once; a second failure on the warning itself says nothing new
        }
    }
}
