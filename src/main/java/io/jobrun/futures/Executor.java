package io.jobrun.futures;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks on a pool of workers and hands back {@link Future}s; CPython's {@code concurrent.futures.Executor}.
 *
 * <p>Use it with try-with-resources: {@link #close()} is {@code shutdown(wait=true)}, so leaving the block waits for
 * the submitted work. It is also a {@link java.util.concurrent.Executor}, so JDK code such as
 * {@code CompletableFuture.supplyAsync(supplier, executor)} can run on it.
 */
public interface Executor extends java.util.concurrent.Executor, AutoCloseable {

    /**
     * Schedules {@code task} and returns its future.
     *
     * @throws RejectedExecutionException "cannot schedule new futures after shutdown"
     * @throws BrokenExecutorException when the pool is broken
     */
    default <T> Future<T> submit(Task<T> task) {
        return submit(task, null);
    }

    /**
     * Schedules {@code task} with a time limit that starts when a worker starts it. When the limit passes, the
     * future fails with {@link FutureTimeoutException} and the executor stops the work (a thread is interrupted
     * and, if it goes on regardless, abandoned and counted as leaked; a process is killed).
     *
     * @param timeLimit the longest the task may run, or null for no limit
     */
    <T> Future<T> submit(Task<T> task, Duration timeLimit);

    /** Schedules a plain {@link Callable}; prefer a {@link Task} lambda where the work may cross processes. */
    default <T> Future<T> submit(Callable<T> callable) {
        return submit((Task<T>) callable::call);
    }

    /** Runs {@code command} for the JDK's sake; its outcome is only logged if it fails. */
    @Override
    default void execute(Runnable command) {
        submit((Task<Object>) () -> {
            command.run();
            return null;
        });
    }

    /**
     * Applies {@code fn} to every item on the pool and yields the results in input order.
     * Every item is submitted before this method returns.
     */
    default <A, R> MapIterator<R> map(TaskFunction<? super A, ? extends R> fn, Iterable<? extends A> items) {
        return map(fn, items, MapOptions.defaults());
    }

    /** As {@link #map(TaskFunction, Iterable)}, with a timeout, chunksize or buffersize. */
    default <A, R> MapIterator<R> map(TaskFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
                                      MapOptions options) {
        return new MapIterator<R>(items.iterator(), options, (A item) -> submit(() -> fn.apply(item)));
    }

    /** Same as {@code shutdown(true, false)}: wait for all submitted work, cancel nothing. */
    default void shutdown() {
        shutdown(true, false);
    }

    /**
     * Stops accepting work. Safe to call more than once.
     *
     * @param wait          return only when every submitted task that was not cancelled has completed
     * @param cancelFutures cancel every task that has not started
     */
    void shutdown(boolean wait, boolean cancelFutures);

    /** Same as {@link #shutdown()}. */
    @Override
    default void close() {
        shutdown(true, false);
    }
}
