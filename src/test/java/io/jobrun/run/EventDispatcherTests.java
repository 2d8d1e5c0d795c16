package io.jobrun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    @Test
    void aListenerThatDoesNotFollowAttemptsIsGivenEverythingButTheirStarts() throws InterruptedException {
        List<String> endsOnly = new CopyOnWriteArrayList<>();
        List<String> everything = new CopyOnWriteArrayList<>();
        CountDownLatch warned = new CountDownLatch(2);
        EventDispatcher events = new EventDispatcher(Ticker.SYSTEM, TimeUnit.HOURS.toMillis(1));
        events.add(new RunListener() {
            @Override
            public void onEvent(RunEvent event) {
                endsOnly.add(event.getClass().getSimpleName());
                warned.countDown();
            }

            @Override
            public boolean followsAttempts() {
                return false;
            }
        });
        events.add(event -> everything.add(event.getClass().getSimpleName()));
        events.start();
        events.publish(at -> new RunEvent.AttemptStarted(at, null, 1, "pool_0"));
        events.publish(at -> new RunEvent.Warning(at, "w"));
        events.publish(at -> new RunEvent.AttemptStarted(at, null, 2, "pool_1"));
        events.publish(at -> new RunEvent.Warning(at, "w"));
        events.close();
        assertTrue(warned.await(60, TimeUnit.SECONDS));
        assertEquals(List.of("Warning", "Warning"), endsOnly);
        assertEquals(List.of("AttemptStarted", "Warning", "AttemptStarted", "Warning"), everything);
    }
}
