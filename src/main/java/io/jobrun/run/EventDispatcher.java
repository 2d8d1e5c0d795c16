package io.jobrun.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Delivers a run's events to its listeners on one thread of its own, in the order they were published.
 *
 * <p>Why a thread: events are published by the interpreter's thread and by workers (an attempt starts on its worker);
 * a listener that writes a file or a terminal line must slow down neither, and must never run on a worker under
 * a pool's lock. Publishing stamps the event with the ticker's time and queues it under one lock, so the queue's
 * order is also the order of the instants; but for a {@link #hold held} start, queued when the thread takes what was
 * published: its instant is its attempt's start, and it comes before anything of its own attempt after it.
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
    /** {@link #BATCH_MILLIS} but in tests. */
    private final long batchMillis;
    /**
     * The listeners, and those of them given {@link RunEvent.AttemptStarted} ({@link RunListener#attemptStarts}):
     * arrays made anew as each is added, so that delivering an event makes no iterator.
     */
    private volatile RunListener[] listeners = {};
    private volatile RunListener[] followingAttempts = {};
    /** What every event goes through before any listener sees it (the run's secrets masked); set before the run. */
    private volatile java.util.function.UnaryOperator<RunEvent> mask = java.util.function.UnaryOperator.identity();
    /** Listener failures so far, one line each; written by the dispatcher thread. */
    private final List<String> failures = new CopyOnWriteArrayList<>();
    /** Events not delivered yet. Guarded by this. */
    private final ArrayDeque<RunEvent> queue = new ArrayDeque<>();
    /** Events handed over by {@link #hold}, queued when the thread next takes what was published. */
    private final ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();
    /** The starts the listeners take, the most that any one does; set as they are added. */
    private volatile AttemptStarts starts = AttemptStarts.NONE;
    /** Events published so far; for tests that count what a run publishes. Guarded by this. */
    private long published;
    /** Set by {@link #close()}: deliver what is queued, then stop. Guarded by this. */
    private boolean closing;
    /** Set by {@link #deliverSoon()}: deliver what is queued without waiting for the window. Guarded by this. */
    private boolean soon;
    private Thread thread;

    EventDispatcher(Ticker ticker) {
        this(ticker, BATCH_MILLIS);
    }

    /** A dispatcher that delivers every {@code batchMillis} ms, to show what does not wait for that. */
    EventDispatcher(Ticker ticker, long batchMillis) {
        this.ticker = ticker;
        this.batchMillis = batchMillis;
    }

    void mask(java.util.function.UnaryOperator<RunEvent> mask) {
        this.mask = java.util.Objects.requireNonNull(mask, "mask");
    }

    synchronized void add(RunListener listener) {
        List<RunListener> added = new ArrayList<>(List.of(listeners));
        added.add(listener);
        listeners = added.toArray(RunListener[]::new);
        followingAttempts = added.stream().filter(l -> l.attemptStarts() != AttemptStarts.NONE)
                .toArray(RunListener[]::new);
        if (listener.attemptStarts().compareTo(starts) > 0) {
            starts = listener.attemptStarts();
        }
    }

    /**
     * An event that may be withdrawn before it is delivered: an attempt's start, which its end makes moot. Taking it
     * is once: whoever takes it (the listeners' thread to queue it, or the attempt's end to drop it) has it.
     */
    interface Held {
        /** The event, the first time; null after, or when withdrawn. Safe from any thread. */
        RunEvent take();
    }

    /** The starts the run makes: each published, each {@link #hold held}, or none. */
    AttemptStarts attemptStarts() {
        return starts;
    }

    /**
     * Hands over an event that is queued when this thread next takes what was published, unless it was withdrawn
     * by then ({@link Held#take}), and before the run's end in any case. Takes no lock: a worker's start at 100,000
     * short tasks took the lock that the interpreter takes for every end.
     */
    void hold(Held event) {
        held.add(event);
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
        RunEvent made = event.apply(at);
        if (made instanceof RunEvent.JobFinished) {
            queueHeld(); // NOTE: nothing is delivered after the end
        }
        queue.add(made);
        published++;
        return at;
    }

    /** Queues what was held and not withdrawn, behind what was published so far. Called holding this. */
    private void queueHeld() {
        for (Held next = held.poll(); next != null; next = held.poll()) {
            RunEvent event = next.take();
            if (event != null) {
                queue.add(event);
                published++;
            }
        }
    }

    /** How many events were published so far. */
    synchronized long published() {
        return published;
    }

    /**
     * Delivers what is queued now rather than at the end of the window: the run's last task has ended, and what
     * its listeners are still to see is delivered while the run winds down (its pools stopped, its result made)
     * rather than after, when the run waits for them. At 100,000 quick tasks that was 2-3 ms with the four report
     * files. Once per run: a wake-up per batch of events slowed the journal's thread, fed in smaller batches.
     */
    synchronized void deliverSoon() {
        soon = true;
        notifyAll();
    }

    /** Delivers what is queued, then stops the thread; returns when every listener has seen every event. */
    void close() {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        if (ThreadJoin.uninterruptibly(thread)) { // NOTE: the reports must still be complete
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
                // NOTE: a loop to the window's end: Object.wait may return early with nobody having called notify
                long windowEnds = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(batchMillis);
                long left;
                while (!closing && !soon && (left = windowEnds - System.nanoTime()) > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        // nothing interrupts this thread on purpose; keep delivering
                    }
                }
                queueHeld();
                if (queue.isEmpty() && closing) {
                    return;
                }
                batch.addAll(queue);
                queue.clear();
                soon = false;
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
        if (event instanceof RunEvent.JobFinished) {
            deliverEnd(event);
            return;
        }
        for (RunListener listener : event instanceof RunEvent.AttemptStarted ? followingAttempts : listeners) {
            String failure = attempt(listener, event);
            if (failure != null) {
                failed(listener, event, failure);
            }
        }
    }

    /**
     * The run's end: listeners next to each other that {@link RunListener#endsOnItsOwn() end on their own} get it at
     * once, each on a thread of its own; the others, and each such group as a whole, in their order.
     */
    private void deliverEnd(RunEvent end) {
        List<RunListener> all = List.of(listeners);
        int from = 0;
        while (from < all.size()) {
            int to = from + 1;
            while (to < all.size() && all.get(from).endsOnItsOwn() && all.get(to).endsOnItsOwn()) {
                to++;
            }
            List<RunListener> together = all.subList(from, to);
            String[] failures = together.size() == 1 ? new String[] {attempt(together.get(0), end)}
                    : atOnce(together, end);
            for (int i = 0; i < failures.length; i++) {
                if (failures[i] != null) {
                    failed(together.get(i), end, failures[i]);
                }
            }
            from = to;
        }
    }

    /** Gives {@code event} to each of {@code listeners} on a thread of its own, the first on this one; their failures. */
    private static String[] atOnce(List<RunListener> listeners, RunEvent event) {
        String[] failures = new String[listeners.size()];
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < listeners.size(); i++) {
            int index = i;
            Runnable delivery = () -> failures[index] = attempt(listeners.get(index), event);
            try {
                threads.add(Thread.ofPlatform().daemon().name("jobrun-events-end").start(delivery));
            } catch (OutOfMemoryError noThread) {
                delivery.run(); // NOTE: no thread to be had: the report is still written, only later
            }
        }
        failures[0] = attempt(listeners.get(0), event);
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true; // NOTE: as close(): every report must be complete first
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failures;
    }

    /** Gives {@code event} to {@code listener}; what it threw as a line of the run's failures, or null. */
    private static String attempt(RunListener listener, RunEvent event) {
        try {
            listener.onEvent(event);
            return null;
        } catch (java.io.UncheckedIOException e) {
            // NOTE: a report that could not write its file says so in words of its own, with the file's name
            return e.getMessage();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return "a report listener failed on " + event.getClass().getSimpleName() + ": " + ErrorText.of(e);
        }
    }

    /** {@code listener} threw on {@code event}: the failure is counted, and a warning to every other listener. */
    private void failed(RunListener listener, RunEvent event, String failure) {
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

    /** A warning about a failed listener; a listener that fails on it too is not told again. */
    private static void tell(RunListener listener, RunEvent warning) {
        try {
            listener.onEvent(warning);
        } catch (RuntimeException | LinkageError | StackOverflowError ignored) {
            // already counted once; a second failure on the warning itself says nothing new
        }
    }
}
