package io.jobrun.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the listeners' thread delivers what was published: at the end of each window, or when told to deliver soon. */
class EventDispatcherTests {
    /** A dispatcher whose window is an hour: what it delivers within a test, it did not wait for the window to. */
    private static EventDispatcher hourly(RunListener listener) {
        EventDispatcher events = new EventDispatcher(Ticker.SYSTEM, TimeUnit.HOURS.toMillis(1));
        events.add(listener);
        events.start();
        return events;
    }

    @Test
    void whatIsQueuedWaitsForTheWindowUnlessTheRunIsEnding() throws InterruptedException {
        CountDownLatch delivered = new CountDownLatch(3);
        EventDispatcher events = hourly(event -> delivered.countDown());
        for (int i = 0; i < 3; i++) {
            events.publish(at -> new RunEvent.Warning(at, "w"));
        }
        assertFalse(delivered.await(100, TimeUnit.MILLISECONDS), "nothing delivered before the window");
        events.deliverSoon();
        assertTrue(delivered.await(60, TimeUnit.SECONDS), "delivered once told the run's tasks are over");
        events.close();
    }
}
