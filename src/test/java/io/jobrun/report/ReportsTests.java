package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.run.RunEvent;
import io.jobrun.run.RunListener;
import io.jobrun.run.Ticker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reports are listeners registered by name; a new format is one class and one registry line. */
class ReportsTests {
    private static final PrintStream NOWHERE = new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8);
    private static final ReportSettings SETTINGS = new ReportSettings(NOWHERE, NOWHERE,
            new ReportStyle(false, false, false), Ticker.FROZEN, null);

    /** A report kind of the test's own: counts events, as a new format would write them. */
    private static final class Counting implements ReportKind {
        int events;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public RunListener create(ReportSettings settings) {
            return event -> events++;
        }
    }

    @Test
    void theSummaryTheProgressLineAndTheReportFilesAreTheStandardReports() {
        assertEquals(List.of("summary", "progress", "json", "junit", "trace", "html", "markdown"),
                List.copyOf(Reports.STANDARD.names()));
        assertEquals(List.of("json", "junit", "trace", "html", "markdown"), Reports.STANDARD.fileReports());
        assertTrue(Reports.STANDARD.create("summary", SETTINGS) instanceof SummaryReport);
        assertTrue(Reports.STANDARD.create("progress", SETTINGS) instanceof ProgressReport);
    }

    @Test
    void aNewReportIsOneClassAndOneRegistryLine() {
        Counting counting = new Counting();
        Reports reports = new Reports(List.of(counting));
        reports.create("counting", SETTINGS).onEvent(new RunEvent.Warning(0, "x"));
        assertEquals(1, counting.events);
    }

    @Test
    void aReportFileNeedsAFileToWriteTo() {
        var error = assertThrows(IllegalArgumentException.class, () -> Reports.STANDARD.create("json", SETTINGS));
        assertEquals("the json report needs a file (--report json=PATH)", error.getMessage());
    }

    @Test
    void anUnknownReportNameIsRefusedWithADidYouMean() {
        var error = assertThrows(IllegalArgumentException.class, () -> Reports.STANDARD.create("sumary", SETTINGS));
        assertEquals("unknown report 'sumary' (did you mean 'summary'?)", error.getMessage());
    }
}
