package io.jobrun.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * CPython's module functions {@code wait} and {@code as_completed}.
 *
 * <p>Duplicates in the input count once; futures are compared by identity. A cancelled future counts as done,
 * whoever cancelled it: CPython leaves futures cancelled by {@code shutdown(cancel_futures=True)} out of both
 * functions, so they hang (cpython#92001, #87893, #109934).
 */
public final class Futures {
    private Futures() {
    }

    /** Waits, without limit, for every future; the same as {@code wait(futures, null, ALL_COMPLETED)}. */
    public static <T> DoneAndNotDone<T> wait(Iterable<? extends Future<T>> futures) {
        return wait(futures, null, ReturnWhen.ALL_COMPLETED);
    }

    /** Waits, without limit, until {@code returnWhen} holds. */
    public static <T> DoneAndNotDone<T> wait(Iterable<? extends Future<T>> futures, ReturnWhen returnWhen) {
        return wait(futures, null, returnWhen);
    }

    /**
     * Waits until {@code returnWhen} holds or {@code timeout} passes, and says which futures were done then.
     * A timeout returns normally, with the unfinished futures in {@code notDone}.
     *
     * @param timeout null waits without limit; a negative timeout acts as zero
     */
    public static <T> DoneAndNotDone<T> wait(Iterable<? extends Future<T>> futures, Duration timeout,
                                             ReturnWhen returnWhen) {
        Objects.requireNonNull(returnWhen, "returnWhen");
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> notDone = new LinkedHashSet<>();
        for (Future<T> future : futures) {
            (future.done() ? done : notDone).add(future);
        }
        if (notDone.isEmpty() || alreadySatisfied(done, returnWhen)) {
            return new DoneAndNotDone<>(done, notDone);
        }
        WaitWaiter waiter = new WaitWaiter(returnWhen, notDone.size());
        List<Future<T>> watched = new ArrayList<>(notDone.size());
        try {
            for (Future<T> future : notDone) {
                if (future.addWaiter(waiter)) {
                    watched.add(future);
                } else {
                    waiter.futureDone(future);
                }
            }
            waiter.await(timeout);
        } finally {
            for (Future<T> future : watched) {
                future.removeWaiter(waiter);
            }
        }
        for (Future<?> finished : waiter.finished()) {
            @SuppressWarnings("unchecked")
            Future<T> typed = (Future<T>) finished;
            if (notDone.remove(typed)) {
                done.add(typed);
            }
        }
        return new DoneAndNotDone<>(done, notDone);
    }

    private static boolean alreadySatisfied(Set<? extends Future<?>> done, ReturnWhen returnWhen) {
        return switch (returnWhen) {
            case FIRST_COMPLETED -> !done.isEmpty();
            case FIRST_EXCEPTION -> done.stream().anyMatch(Future::failed);
            case ALL_COMPLETED -> false;
        };
    }

    /** Yields each future as it completes, without a time limit. */
    public static <T> CompletionIterator<T> asCompleted(Iterable<? extends Future<T>> futures) {
        return new CompletionIterator<>(futures, null);
    }

    /**
     * Yields the futures that are already done, then each other one as it completes. When {@code timeout} (counted
     * from this call) passes first, the iterator throws {@link FutureTimeoutException} "N (of M) futures unfinished".
     */
    public static <T> CompletionIterator<T> asCompleted(Iterable<? extends Future<T>> futures, Duration timeout) {
        return new CompletionIterator<>(futures, timeout);
    }

    /** Collects the futures that finish while {@link #wait} blocks, and wakes it when its condition holds. */
    private static final class WaitWaiter implements CompletionWaiter {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition satisfied = lock.newCondition();
        private final ReturnWhen returnWhen;
        private final int pending;
        /** Guarded by lock. */
        private final List<Future<?>> finished = new ArrayList<>();
        /** Guarded by lock. */
        private boolean wake;

        WaitWaiter(ReturnWhen returnWhen, int pending) {
            this.returnWhen = returnWhen;
            this.pending = pending;
        }

        @Override
        public void futureDone(Future<?> future) {
            lock.lock();
            try {
                finished.add(future);
                boolean now = switch (returnWhen) {
                    case FIRST_COMPLETED -> true;
                    case FIRST_EXCEPTION -> future.failed() || finished.size() >= pending;
                    case ALL_COMPLETED -> finished.size() >= pending;
                };
                if (now) {
                    wake = true;
                    satisfied.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        void await(Duration timeout) {
            long nanos = timeout == null ? Long.MAX_VALUE : Math.max(0, Future.saturatedNanos(timeout));
            lock.lock();
            try {
                while (!wake) {
                    if (timeout == null) {
                        satisfied.await();
                    } else {
                        if (nanos <= 0) {
                            return;
                        }
                        nanos = satisfied.awaitNanos(nanos);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WaitInterruptedException(e);
            } finally {
                lock.unlock();
            }
        }

        List<Future<?>> finished() {
            lock.lock();
            try {
                return List.copyOf(finished);
            } finally {
                lock.unlock();
            }
        }
    }
}
