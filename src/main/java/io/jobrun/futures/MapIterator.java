package io.jobrun.futures;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
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
    private final int batchSize;
    private final long deadlineNanos;
    private final boolean hasDeadline;
    private final boolean lazy;
    /** Submits a batch of inputs; null when {@link #single} submits one input at a time. */
    private final BatchSubmitter<Object, R> batches;
    /** Submits one input; null when {@link #batches} is used. */
    private final Function<Object, Future<R>> single;
    /** Futures submitted and not yet returned, oldest first; emptied by close() and by the deadline. */
    private final ArrayDeque<Future<R>> outstanding = new ArrayDeque<>();
    private boolean closed;

    /**
     * Starts the iteration: submits everything now, or the first {@code buffersize} batches when one is set.
     *
     * @param batchSize how many inputs each call of {@code submitter} receives
     */
    @SuppressWarnings("unchecked")
    public <A> MapIterator(Iterator<? extends A> input, int batchSize, MapOptions options,
                           BatchSubmitter<? super A, R> submitter) {
        this(input, batchSize, options, (BatchSubmitter<Object, R>) submitter, null);
    }

    /** For {@link Executor#map}: one {@code submit} per input, with no batch lists in between. */
    <A> MapIterator(Iterator<? extends A> input, MapOptions options, Function<? super A, Future<R>> submitOne) {
        this(input, 1, options, null, castFunction(submitOne));
    }

    @SuppressWarnings("unchecked")
    private static <R> Function<Object, Future<R>> castFunction(Function<?, Future<R>> function) {
        return (Function<Object, Future<R>>) function;
    }

    private MapIterator(Iterator<?> input, int batchSize, MapOptions options, BatchSubmitter<Object, R> batches,
                        Function<Object, Future<R>> single) {
        this.input = input;
        this.batchSize = batchSize;
        this.batches = batches;
        this.single = single;
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
        if (single != null) {
            outstanding.add(single.apply(input.next()));
            return true;
        }
        List<Object> batch = new ArrayList<>(Math.min(batchSize, 1024));
        while (batch.size() < batchSize && input.hasNext()) {
            batch.add(input.next());
        }
        outstanding.addAll(batches.submit(batch));
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
