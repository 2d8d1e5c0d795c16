package io.jobrun.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A duration reads in reports as {@code String.format} wrote it ("0.25s", "2m05s"), though it is written out by hand
 * (the JDK's locale data that the first formatted number sets up costs 5-15 ms of every run).
 */
class DurationsFormatTests {
    @Test
    void everyMillisecondOfTheFirstMinuteReadsAsPercentTwoFWould() {
        for (long millis = 0; millis < 60_000; millis++) {
            assertEquals(String.format(Locale.ROOT, "%.2fs", millis / 1000.0), Durations.format(Duration.ofMillis(millis)));
        }
    }

    @Test
    void minutesAndHoursReadAsMinutesAndTwoDigitSeconds() {
        for (long seconds = 60; seconds < 4 * 3600; seconds += 7) {
            String expected = String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
            assertEquals(expected, Durations.format(Duration.ofMillis(seconds * 1000 + 999)));
        }
        assertEquals("2m05s", Durations.format(Duration.ofSeconds(125)));
    }

    @Test
    void aNegativeDurationReadsAsBefore() {
        assertEquals("-0.25s", Durations.format(Duration.ofMillis(-250)));
    }
}
