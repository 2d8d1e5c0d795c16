package io.jobrun.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A task's duration as callbacks see it: prints as the report does, orders against Durations, converts to one. */
class ElapsedTests {
    private final Elapsed elapsed = new Elapsed(Duration.ofMillis(1250));

    @Test
    void printsAsTheReportDoes() {
        assertEquals(Durations.format(Duration.ofMillis(1250)), elapsed.toString());
    }

    @Test
    void offersSecondsWithTheirFractionAndWholeMillis() {
        assertEquals(1.25, elapsed.getSeconds());
        assertEquals(1250L, elapsed.getMillis());
    }

    @Test
    void convertsToTheDurationItHolds() {
        Duration held = Duration.ofMillis(1250);
        assertSame(held, new Elapsed(held).toDuration());
    }

    @Test
    void ordersAgainstADurationAsAgainstAnotherElapsed() {
        assertTrue(elapsed.compareTo(Duration.ofSeconds(1)) > 0);
        assertTrue(elapsed.compareTo(Duration.ofSeconds(2)) < 0);
        assertEquals(0, elapsed.compareTo(Duration.ofMillis(1250)));
        assertTrue(elapsed.compareTo(new Elapsed(Duration.ofSeconds(2))) < 0);
    }

    @Test
    void refusesToOrderAgainstAnythingElseSayingWhat() {
        ClassCastException e = assertThrows(ClassCastException.class, () -> elapsed.compareTo("2s"));
        assertEquals("a duration compares with another duration, not with java.lang.String", e.getMessage());
    }
}
