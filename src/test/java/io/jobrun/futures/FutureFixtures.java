package io.jobrun.futures;

import java.util.function.Supplier;

/**
 * Futures prebuilt in every state, as CPython's future tests keep them; each call makes a fresh one, because
 * tests change them.
 */
enum FutureFixtures {
    PENDING(Future::new),
    RUNNING(() -> {
        Future<Integer> future = new Future<>();
        future.setRunningOrNotifyCancel();
        return future;
    }),
    CANCELLED(() -> {
        Future<Integer> future = new Future<>();
        future.cancel();
        return future;
    }),
    CANCELLED_AND_NOTIFIED(() -> {
        Future<Integer> future = new Future<>();
        future.cancel();
        future.setRunningOrNotifyCancel();
        return future;
    }),
    FINISHED_WITH_RESULT(() -> Future.successful(42)),
    FINISHED_WITH_EXCEPTION(() -> Future.failed(new IllegalArgumentException("the fixture's failure")));

    private final Supplier<Future<Integer>> factory;

    FutureFixtures(Supplier<Future<Integer>> factory) {
        this.factory = factory;
    }

    /** A new future in this state. */
    Future<Integer> create() {
        return factory.get();
    }

    static Future<Integer> pending() {
        return PENDING.create();
    }

    static Future<Integer> running() {
        return RUNNING.create();
    }

    static Future<Integer> cancelled() {
        return CANCELLED.create();
    }

    static Future<Integer> cancelledAndNotified() {
        return CANCELLED_AND_NOTIFIED.create();
    }

    static Future<Integer> finished() {
        return FINISHED_WITH_RESULT.create();
    }

    static Future<Integer> failed() {
        return FINISHED_WITH_EXCEPTION.create();
    }
}
