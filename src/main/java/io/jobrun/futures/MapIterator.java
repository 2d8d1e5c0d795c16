package io.jobrun.futures;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The results of {@link Executor#map}, in input order; CPython's map generator (main branch semantics).
 *
 * <ul>
 *   <li>A task's exception is thrown by {@link #next()} at that item's position, and iteration goes on with the
 *       next item.</li>
 *   <li>The timeout runs from the {@code map} call. A result that finished in time is returned even after the
 *       deadline; an unfinished one makes {@code next()} throw {@link FutureTimeoutException}, cancels what has not
 *       started, and ends the iteration. A {@code FutureTimeoutException} thrown by the task itself is only that
 *       item's error.</li>
 *   <li>{@link #close()} cancels every result not yet returned that has not started.</li>
 *   <li>With a buffersize, input is read lazily: each {@code next()} submits one more batch, then waits for the
 *       oldest result, so an endless input works.</li>
 * </ul>
 */
public final class MapIterator<R> implements Iterator<R>, Iterable<R>, AutoCloseable {
    /** Submits one batch of inputs and returns one future per input, in order. */
    @FunctionalInterface
    public interface BatchSubmitter<A, R> {
        List<Future<R>> submit(List<A> batch);
    }

    private final Iterator<?> input;
    private final long deadlineNanos;
    private final boolean hasDeadline;
    private final boolean lazy;
    /** Takes the next input (or batch of inputs), submits it, and adds its futures, in input order, to a deque. */
    private final Consumer<ArrayDeque<Future<R>>> submitNext;
    /** Futures submitted and not yet returned, oldest first; emptied by close() and by the deadline. */
    private final ArrayDeque<Future<R>> outstanding = new ArrayDeque<>();
    private boolean closed;

    /**
     * Starts the iteration: submits everything now, or the first {@code buffersize} batches when one is set.
     *
     * @param batchSize how many inputs each call of {@code submitter} receives
     */
    public <A> MapIterator(Iterator<? extends A> input, int batchSize, MapOptions options,
                           BatchSubmitter<A, R> submitter) {
        this(into -> {
            List<A> batch = new ArrayList<>(Math.min(batchSize, 1024));
            while (batch.size() < batchSize && input.hasNext()) {
                batch.add(input.next());
            }
            into.addAll(submitter.submit(batch));
        }, input, options);
    }

    /** For {@link Executor#map}: one {@code submit} per input, with no batch lists in between. */
    <A> MapIterator(Iterator<? extends A> input, MapOptions options, Function<? super A, Future<R>> submitOne) {
        this(into -> into.add(submitOne.apply(input.next())), input, options);
    }

    private MapIterator(Consumer<ArrayDeque<Future<R>>> submitNext, Iterator<?> input, MapOptions options) {
        this.input = input;
        this.submitNext = submitNext;
        Duration timeout = options.timeout();
        this.hasDeadline = timeout != null;
        this.deadlineNanos = hasDeadline ? System.nanoTime() + Math.max(0, Future.saturatedNanos(timeout)) : 0;
        this.lazy = options.buffersize() != null;
        int count = lazy ? options.buffersize() : Integer.MAX_VALUE;
        try {
            for (int i = 0; i < count && submitNextBatch(); i++) {
                // submitted one batch
            }
        } catch (RuntimeException submitFailed) {
            close(); // nobody will ever iterate what was submitted before the failure
            throw submitFailed;
        }
    }

    private boolean submitNextBatch() {
        if (!input.hasNext()) {
            return false;
        }
        submitNext.accept(outstanding);
        return true;
    }

    @Override
    public boolean hasNext() {
        return !closed && (!outstanding.isEmpty() || (lazy && input.hasNext()));
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (lazy) {
            submitNextBatch();
        }
        Future<R> oldest = outstanding.removeFirst();
        Duration remaining = hasDeadline ? Duration.ofNanos(deadlineNanos - System.nanoTime()) : null;
        if (!oldest.awaitDone(remaining)) {
            oldest.cancel();
            close();
            throw new FutureTimeoutException("map timed out: a result was not ready by its deadline");
        }
        return oldest.result(Duration.ZERO);
    }

    /** Cancels every result not yet returned that has not started; the iteration is over. */
    @Override
    public void close() {
        closed = true;
        Future<R> future;
        while ((future = outstanding.pollFirst()) != null) {
            future.cancel();
        }
    }

    /** This iterator itself, so that a map can be the target of a for-each loop (once). */
    @Override
    public Iterator<R> iterator() {
        return this;
    }
}
