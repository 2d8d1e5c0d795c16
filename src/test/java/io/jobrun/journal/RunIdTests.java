package io.jobrun.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunIdTests {
    @Test
    void aRunsIdIsItsStartInUtcToTheMillisecondThenItsPid() {
        DateTimeFormatter expected = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
        for (Instant start : List.of(Instant.parse("2026-12-01T13:40:02.123Z"), Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2031-11-30T23:59:59.999999Z"), Instant.ofEpochMilli(7))) {
            assertEquals(expected.format(start) + "-4242", JournalStore.newRunId(start, 4242), start.toString());
        }
        assertEquals("20261201T134002.123Z-4242",
                JournalStore.newRunId(Instant.parse("2026-12-01T13:40:02.123456Z"), 4242));
    }
}
