package io.jobrun.run;

import io.jobrun.futures.Future;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The interpreter's inbox, and what workers use to reach it: an attempt that ends posts a message here, and one that
 * starts hands its start event to the listeners (as they take them: {@link AttemptStarts}), so a start costs the
 * interpreter nothing.
 */
final class Inbox implements Attempt.Owner {
    private final LinkedBlockingQueue<Message> queue = new LinkedBlockingQueue<>();
    private final EventDispatcher events;
    private final Ticker ticker;

    Inbox(EventDispatcher events, Ticker ticker) {
        this.events = events;
        this.ticker = ticker;
    }

    /** Safe from any thread. */
    void post(Message message) {
        queue.add(message);
    }

    /** The next message, or null when there is none yet. */
    Message poll() {
        return queue.poll();
    }

    /** Waits for the next message. */
    Message take() throws InterruptedException {
        return queue.take();
    }

    /** Posts {@link Message.Ended} for {@code attempt} once {@code future} is done. */
    void endsWith(Attempt attempt, Future<Object> future) {
        future.addDoneCallback(done -> post(new Message.Ended(attempt)));
    }

    @Override
    public long started(Attempt attempt, String worker) {
        return switch (events.attemptStarts()) {
            case NONE -> ticker.nanos(); // NOTE: no event nobody reads: at 100,000 tasks a lock and an object each
            case STILL_RUNNING -> held(attempt, worker);
            case EVERY -> events.publish(at -> new RunEvent.AttemptStarted(at, attempt.run.instance, attempt.number,
                    worker));
        };
    }

    /** The start of {@code attempt}, held for the listeners' thread; its instant. */
    private long held(Attempt attempt, String worker) {
        long at = ticker.nanos();
        attempt.holdStart(new RunEvent.AttemptStarted(at, attempt.run.instance, attempt.number, worker));
        events.hold(attempt);
        return at;
    }

    @Override
    public long nanos() {
        return ticker.nanos();
    }

    @Override
    public void returnedLate(Attempt attempt) {
        post(new Message.ReturnedLate(attempt));
    }
}
