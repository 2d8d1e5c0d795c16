package io.jobrun.futures;

/** Told once when a future it registered with becomes done; the hook behind wait() and asCompleted(). */
interface CompletionWaiter {
    /** Called without the future's lock held, in the thread that completed or cancelled the future. */
    void futureDone(Future<?> future);
}
