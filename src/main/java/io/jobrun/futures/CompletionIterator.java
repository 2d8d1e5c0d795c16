package io.jobrun.futures;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The iterator of {@link Futures#asCompleted}: done futures first (in input order), then the others in the order
 * they complete, each future once.
 *
 * <p>It is a waiter on every future not yet done, and its queue fills as they complete: the hook in
 * {@link Future} is all it takes. {@link #close()} (or running out of time) removes it from the futures it still
 * waits for.
 */
public final class CompletionIterator<T> implements Iterator<Future<T>>, Iterable<Future<T>>, AutoCloseable {
    private final int total;
    private final long deadlineNanos;
    private final boolean hasDeadline;
    /** Futures done when iteration began; yielded first. */
    private final ArrayDeque<Future<T>> alreadyDone = new ArrayDeque<>();
    /** Futures being waited for; each leaves when it is yielded. Touched only by the iterating thread. */
    private final Set<Future<T>> waitingFor = new LinkedHashSet<>();
    /** Filled by the waiter, in completion order, from whichever thread completes a future. */
    private final LinkedBlockingQueue<Future<?>> completed = new LinkedBlockingQueue<>();
    private final CompletionWaiter waiter = completed::add;
    private boolean closed;

    CompletionIterator(Iterable<? extends Future<T>> futures, Duration timeout) {
        this.hasDeadline = timeout != null;
        this.deadlineNanos = hasDeadline ? System.nanoTime() + Math.max(0, Future.saturatedNanos(timeout)) : 0;
        Set<Future<T>> unique = new LinkedHashSet<>();
        for (Future<T> future : futures) {
            unique.add(future);
        }
        this.total = unique.size();
        for (Future<T> future : unique) {
            if (future.addWaiter(waiter)) {
                waitingFor.add(future);
            } else {
                alreadyDone.add(future);
            }
        }
    }

    @Override
    public boolean hasNext() {
        return !closed && (!alreadyDone.isEmpty() || !waitingFor.isEmpty());
    }

    /**
     * The next future to complete.
     *
     * @throws FutureTimeoutException "N (of M) futures unfinished" when the deadline passes first; the iteration
     *                                is then over and nothing is cancelled
     */
    @Override
    public Future<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Future<T> ready = alreadyDone.pollFirst();
        if (ready != null) {
            return ready;
        }
        try {
            Future<?> finished = hasDeadline
                    ? completed.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)
                    : completed.take();
            if (finished == null) {
                int unfinished = waitingFor.size();
                close();
                throw new FutureTimeoutException(unfinished + " (of " + total + ") futures unfinished");
            }
            @SuppressWarnings("unchecked")
            Future<T> typed = (Future<T>) finished;
            waitingFor.remove(typed);
            return typed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException(e);
        }
    }

    /** Stops waiting: removes this iterator's waiter from every future it has not yielded. */
    @Override
    public void close() {
        closed = true;
        for (Future<T> future : waitingFor) {
            future.removeWaiter(waiter);
        }
        waitingFor.clear();
        alreadyDone.clear();
    }

    /** This iterator itself, so that {@code for (var f : Futures.asCompleted(fs))} works (once). */
    @Override
    public Iterator<Future<T>> iterator() {
        return this;
    }
}
