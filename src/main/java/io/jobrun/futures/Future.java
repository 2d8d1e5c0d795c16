package io.jobrun.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The result of an asynchronous computation, with the semantics of CPython's {@code concurrent.futures.Future}.
 *
 * <p>Possible state transitions (see {@link FutureState}):
 * PENDING -> RUNNING -> FINISHED; PENDING -> FINISHED; PENDING -> CANCELLED -> CANCELLED_AND_NOTIFIED.
 * Four methods change state: {@link #cancel()}, {@link #setRunningOrNotifyCancel()}, {@link #setResult} and
 * {@link #setException}. Each changes it under the future's monitor and then, with the monitor released, tells
 * the waiters of {@link Futures#wait} and {@link Futures#asCompleted} and runs the done-callbacks. Do not
 * synchronize on a future yourself: its monitor is its lock.
 *
 * <p>Where Java differs from Python: {@link #result()} rethrows the task's exception object itself when it is
 * unchecked; a checked exception arrives wrapped in a {@link CompletionException} whose cause is that object.
 * {@link #exception()} always returns the object itself. A thread interrupted while it waits gets a
 * {@link WaitInterruptedException} and keeps its interrupt status.
 *
 * <p>This class also implements {@link java.util.concurrent.Future}, so JDK code can use it, and converts to and
 * from {@link CompletableFuture}.
 */
public class Future<T> implements java.util.concurrent.Future<T> {

    // NOTE: the lock is this object's monitor, and waiting callers wait() on it. A ReentrantLock with a Condition
    // would cost two more objects per future, and a map over millions of items makes a future for each.
    // The monitor is held only for field updates, never while callbacks or waiters run.

    /** The one state field; written under the monitor, read without it for the fast paths. */
    private volatile FutureState state = FutureState.PENDING;
    /** Set once, before the move to FINISHED. */
    private T result;
    /** Set once, before the move to FINISHED; null when the task returned normally. */
    private Throwable exception;
    /** Callbacks waiting for completion; null until the first is added, and again once they are handed out. */
    private List<Consumer<? super Future<T>>> callbacks;
    /** Waiters of wait() and asCompleted(); null until the first one registers. */
    private List<CompletionWaiter> waiters;

    /** Creates a pending future; executors and tests create futures, user code receives them. */
    public Future() {
    }

    /** A future that is already finished with {@code value}. */
    public static <T> Future<T> successful(T value) {
        Future<T> future = new Future<>();
        future.setResult(value);
        return future;
    }

    /** A future that is already finished with {@code error}. */
    public static <T> Future<T> failed(Throwable error) {
        Future<T> future = new Future<>();
        future.setException(error);
        return future;
    }

    /**
     * A future completed by {@code stage}: its value, its exception (unwrapped from {@link CompletionException}),
     * or cancelled when the stage was. Cancelling the returned future cancels the stage too.
     */
    public static <T> Future<T> from(CompletionStage<T> stage) {
        Future<T> future = new Future<>();
        CompletableFuture<T> completable = stage.toCompletableFuture();
        future.addDoneCallback(f -> {
            if (f.cancelled()) {
                completable.cancel(false);
            }
        });
        completable.whenComplete((value, error) -> {
            if (error == null) {
                future.finish(value, null);
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof CancellationException) {
                future.cancel();
            } else {
                future.finish(null, cause);
            }
        });
        return future;
    }

    // ---------------------------------------------------------------- queries

    /** True when the future was cancelled. */
    public boolean cancelled() {
        return state.isCancelled();
    }

    /** True while a worker runs the task. */
    public boolean running() {
        return state == FutureState.RUNNING;
    }

    /** True when the future was cancelled or finished. */
    public boolean done() {
        return state.isDone();
    }

    /** The current state, one of CPython's five. */
    public FutureState futureState() {
        return state;
    }

    // ---------------------------------------------------------------- results

    /** Waits for the task and returns its result, or throws what it threw. */
    public T result() {
        return result((Duration) null);
    }

    /**
     * Waits at most {@code timeout} (null waits forever, a negative one polls) and returns the task's result.
     *
     * @throws FutureTimeoutException when the future is not done in time (the future is not cancelled)
     * @throws CancelledException when the future was cancelled
     * @throws CompletionException wrapping the task's exception when that exception is checked
     */
    public T result(Duration timeout) {
        if (!awaitDone(timeout)) {
            throw new FutureTimeoutException();
        }
        if (state.isCancelled()) {
            throw new CancelledException();
        }
        Throwable error = exception;
        if (error == null) {
            return result;
        }
        if (error instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        throw new CompletionException(error);
    }

    /** Waits for the task and returns the exception it threw, or null when it returned normally. */
    public Throwable exception() {
        return exception((Duration) null);
    }

    /** As {@link #result(Duration)}, but returns the task's exception (the very object) instead of throwing it. */
    public Throwable exception(Duration timeout) {
        if (!awaitDone(timeout)) {
            throw new FutureTimeoutException();
        }
        if (state.isCancelled()) {
            throw new CancelledException();
        }
        return exception;
    }

    /**
     * Waits until the future is done or {@code timeout} passes (null: no limit; negative: acts as zero).
     *
     * @return whether the future is done
     */
    public boolean awaitDone(Duration timeout) {
        if (state.isDone()) {
            return true;
        }
        long nanos = timeout == null ? Long.MAX_VALUE : Math.max(0, saturatedNanos(timeout));
        if (nanos == 0) {
            return false;
        }
        long deadline = System.nanoTime() + nanos;
        synchronized (this) {
            try {
                while (!state.isDone()) {
                    if (timeout == null) {
                        wait();
                    } else {
                        long remaining = deadline - System.nanoTime();
                        if (remaining <= 0) {
                            return false;
                        }
                        wait(remaining / 1_000_000, (int) (remaining % 1_000_000));
                    }
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WaitInterruptedException(e);
            }
        }
    }

    // ---------------------------------------------------------------- state changes

    /**
     * Cancels the future unless it is running or finished.
     *
     * @return true when the future is cancelled (now or before), false when it is running or finished
     */
    public boolean cancel() {
        List<Consumer<? super Future<T>>> toRun;
        List<CompletionWaiter> toTell;
        synchronized (this) {
            switch (state) {
                case RUNNING, FINISHED -> {
                    return false;
                }
                case CANCELLED, CANCELLED_AND_NOTIFIED -> {
                    return true;
                }
                case PENDING -> state = FutureState.CANCELLED;
            }
            toRun = takeCallbacks();
            toTell = takeWaiters();
        }
        announce(toTell, toRun);
        return true;
    }

    /**
     * Called by an executor just before it runs the task: PENDING moves to RUNNING (returns true), CANCELLED moves
     * to CANCELLED_AND_NOTIFIED (returns false, and the executor must not run the task).
     *
     * @throws IllegalStateException in any other state, which is a bug in the executor
     */
    public boolean setRunningOrNotifyCancel() {
        synchronized (this) {
            switch (state) {
                case PENDING -> {
                    state = FutureState.RUNNING;
                    return true;
                }
                case CANCELLED -> {
                    // Waiters were told at cancel(): a cancelled future already counts as done for them.
                    state = FutureState.CANCELLED_AND_NOTIFIED;
                    return false;
                }
                default -> {
                    FuturesLog.get().error("Future {} in unexpected state: {}", this, state);
                    throw new IllegalStateException("Future in unexpected state");
                }
            }
        }
    }

    /**
     * Completes the future with {@code value}.
     *
     * @throws InvalidStateException when the future is already done
     */
    public void setResult(T value) {
        if (!finish(value, null)) {
            throw invalidState();
        }
    }

    /**
     * Completes the future with {@code error}.
     *
     * @throws InvalidStateException when the future is already done
     */
    public void setException(Throwable error) {
        if (error == null) {
            throw new IllegalArgumentException("setException needs an exception, got null");
        }
        if (!finish(null, error)) {
            throw invalidState();
        }
    }

    /**
     * Moves to FINISHED unless the future is already done; the executors' way to complete, since a task may race
     * with its own time limit or a cancellation.
     *
     * @return whether this call finished the future
     */
    // Public for io.jobrun.futures.process: a process pool races a result frame against a time limit and a worker's
    // death, and the loser must be a no-op, not an InvalidStateException.
    public boolean finish(T value, Throwable error) {
        List<Consumer<? super Future<T>>> toRun;
        List<CompletionWaiter> toTell;
        synchronized (this) {
            if (state.isDone()) {
                return false;
            }
            result = value;
            exception = error;
            state = FutureState.FINISHED;
            toRun = takeCallbacks();
            toTell = takeWaiters();
        }
        announce(toTell, toRun);
        return true;
    }

    private InvalidStateException invalidState() {
        return new InvalidStateException(state + ": " + this);
    }

    /** Wakes blocked callers and hands the callbacks out; the caller holds the monitor. */
    private List<Consumer<? super Future<T>>> takeCallbacks() {
        notifyAll();
        List<Consumer<? super Future<T>>> taken = callbacks;
        callbacks = null;
        return taken;
    }

    /** Hands the waiters out; a done future needs none, so the list is dropped. The caller holds the monitor. */
    private List<CompletionWaiter> takeWaiters() {
        List<CompletionWaiter> taken = waiters;
        waiters = null;
        return taken;
    }

    /** Tells the waiters, then runs the callbacks in registration order; the caller has released the monitor. */
    private void announce(List<CompletionWaiter> toTell, List<Consumer<? super Future<T>>> toRun) {
        if (toTell != null) {
            for (CompletionWaiter waiter : toTell) {
                waiter.futureDone(this);
            }
        }
        if (toRun != null) {
            for (Consumer<? super Future<T>> callback : toRun) {
                invokeCallback(callback);
            }
        }
    }

    // ---------------------------------------------------------------- callbacks and waiters

    /**
     * Runs {@code callback} with this future once it is done: at once in this thread if it is done already,
     * otherwise in the thread that completes or cancels it. Callbacks run in the order they were added; one that
     * throws is logged and the others still run.
     */
    public void addDoneCallback(Consumer<? super Future<T>> callback) {
        synchronized (this) {
            if (!state.isDone()) {
                if (callbacks == null) {
                    callbacks = new ArrayList<>(2);
                }
                callbacks.add(callback);
                return;
            }
        }
        invokeCallback(callback);
    }

    private void invokeCallback(Consumer<? super Future<T>> callback) {
        try {
            callback.accept(this);
        } catch (Exception e) {
            FuturesLog.get().error("exception calling callback for {}", this, e);
        }
    }

    /**
     * Registers a waiter to be told when this future becomes done.
     *
     * @return false, registering nothing, when the future is already done
     */
    boolean addWaiter(CompletionWaiter waiter) {
        synchronized (this) {
            if (state.isDone()) {
                return false;
            }
            if (waiters == null) {
                waiters = new ArrayList<>(1);
            }
            waiters.add(waiter);
            return true;
        }
    }

    void removeWaiter(CompletionWaiter waiter) {
        synchronized (this) {
            if (waiters != null) {
                waiters.remove(waiter);
            }
        }
    }

    /** Whether the future finished with an exception (false while not done, and for cancelled ones). */
    boolean failed() {
        return state == FutureState.FINISHED && exception != null;
    }

    // ---------------------------------------------------------------- java.util.concurrent

    /** Same as {@link #cancel()}: a running task is never interrupted through this method. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancel();
    }

    @Override
    public boolean isCancelled() {
        return cancelled();
    }

    @Override
    public boolean isDone() {
        return done();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        try {
            awaitDone(null);
        } catch (WaitInterruptedException e) {
            Thread.interrupted();
            throw (InterruptedException) e.getCause();
        }
        return reportForGet();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            // NOTE: unit.toNanos saturates; Duration.of(Long.MAX_VALUE, DAYS) overflows and threw even on a done future.
            if (!awaitDone(Duration.ofNanos(unit.toNanos(timeout)))) {
                throw new TimeoutException();
            }
        } catch (WaitInterruptedException e) {
            Thread.interrupted();
            throw (InterruptedException) e.getCause();
        }
        return reportForGet();
    }

    private T reportForGet() throws ExecutionException {
        if (state.isCancelled()) {
            throw new CancelledException();
        }
        if (exception != null) {
            throw new ExecutionException(exception);
        }
        return result;
    }

    @Override
    public State state() {
        return switch (state) {
            case PENDING, RUNNING -> State.RUNNING;
            case CANCELLED, CANCELLED_AND_NOTIFIED -> State.CANCELLED;
            case FINISHED -> exception == null ? State.SUCCESS : State.FAILED;
        };
    }

    @Override
    public T resultNow() {
        if (state() != State.SUCCESS) {
            throw new IllegalStateException("resultNow() needs a successful future, this one is " + this);
        }
        return result;
    }

    @Override
    public Throwable exceptionNow() {
        if (state() != State.FAILED) {
            throw new IllegalStateException("exceptionNow() needs a failed future, this one is " + this);
        }
        return exception;
    }

    /**
     * A {@link CompletableFuture} completed when this future is: with its result, its exception, or cancelled.
     * Cancelling the returned one cancels this future too.
     */
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> completable = new CompletableFuture<>();
        completable.whenComplete((value, error) -> {
            if (completable.isCancelled()) {
                cancel();
            }
        });
        addDoneCallback(f -> {
            if (f.cancelled()) {
                completable.cancel(false);
            } else if (f.exception != null) {
                completable.completeExceptionally(f.exception);
            } else {
                completable.complete(f.result);
            }
        });
        return completable;
    }

    /**
     * A future equals only itself. Final because {@link Futures#wait} and {@link Futures#asCompleted} dedupe their
     * input in hash sets and promise identity semantics; a subclass redefining equality would merge futures there.
     */
    @Override
    public final boolean equals(Object other) {
        return this == other;
    }

    @Override
    public final int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        String where = "Future@" + Integer.toHexString(System.identityHashCode(this));
        FutureState now = state;
        return switch (now) {
            case PENDING -> where + "[state=pending]";
            case RUNNING -> where + "[state=running]";
            case CANCELLED, CANCELLED_AND_NOTIFIED -> where + "[state=cancelled]";
            case FINISHED -> exception != null
                    ? where + "[state=finished raised " + exception.getClass().getSimpleName() + "]"
                    : where + "[state=finished returned " + typeName(result) + "]";
        };
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
