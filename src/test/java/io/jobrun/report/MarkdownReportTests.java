package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown summary a CI step shows: counts, failed tasks first with errors and lines, the slowest, under 1 MiB. */
class MarkdownReportTests {
    @TempDir
    Path dir;

    private Path appendTo(Path file, ReportFixture run) {
        run.feed(Reports.STANDARD.create("markdown", ReportFixture.settings()
                .to(ReportTarget.appending(file.toString()))));
        return file;
    }

    @Test
    void theHeadlineCountsEveryStatus() throws IOException {
        String text = Files.readString(appendTo(dir.resolve("summary.md"), ReportFixture.everyStatus()));
        assertTrue(text.startsWith("### ❌ jobrun jobs/build.v2.groovy: 12 tasks: 5 ok, 3 failed, 1 timeout, "
                + "1 cancelled, 1 skipped, 1 leaked\n"), text);
    }

    @Test
    void failedTasksComeFirstWithTheirErrorsAndJobFileLines() throws IOException {
        String text = Files.readString(appendTo(dir.resolve("summary.md"), ReportFixture.everyStatus()));
        int failed = text.indexOf("#### Failed");
        int slowest = text.indexOf("#### Slowest tasks");
        assertTrue(failed > 0 && failed < slowest, text);
        List<String> rows = text.substring(failed, slowest).lines().filter(l -> l.startsWith("| `")).toList();
        assertEquals(List.of(
                "| `test[e2e]` | failed | AssertionError: expected 2 but was 3 | `jobs/build.v2.groovy:15` |",
                "| `lint` | timeout | timed out after 50ms | `jobs/build.v2.groovy:32:1` |",
                "| `hang` | leaked | did not stop within 1s | `jobs/build.v2.groovy:33:1` |",
                "| `docs` | failed (optional) | IllegalStateException: no docs for \\*\\*\\* | `jobs/build.v2.groovy:22` |",
                "| `shell-fail` | failed | command exited with status 3 | `jobs/build.v2.groovy:38:1` |"), rows);
    }

    @Test
    void theSlowestTasksAreListedByRunTime() throws IOException {
        String text = Files.readString(appendTo(dir.resolve("summary.md"), ReportFixture.everyStatus()));
        List<String> rows = text.substring(text.indexOf("#### Slowest tasks")).lines()
                .filter(l -> l.startsWith("| `")).toList();
        assertEquals("| `hang` | 1.05s | leaked | 1 |", rows.get(0));
        assertEquals("| `lint` | 0.05s | timeout | 1 |", rows.get(1));
        assertEquals(MarkdownReport.SLOWEST_ROWS, rows.size());
    }

    @Test
    void theSummaryIsAddedAfterWhatOtherStepsWrote() throws IOException {
        Path file = Files.writeString(dir.resolve("summary.md"), "## Build\n\nearlier step\n");
        String text = Files.readString(appendTo(file, ReportFixture.everyStatus()));
        assertTrue(text.startsWith("## Build\n\nearlier step\n### "), text);
    }

    @Test
    void theStepSummaryStaysUnderOneMebibyteCountingWhatIsThere() throws IOException {
        Path file = Files.writeString(dir.resolve("summary.md"), "x".repeat((int) MarkdownReport.LIMIT - 20_000));
        appendTo(file, ReportFixture.fanOut(20_000, 1));
        long size = Files.size(file);
        assertTrue(size < MarkdownReport.LIMIT, "size " + size);
        String added = Files.readString(file).substring((int) MarkdownReport.LIMIT - 20_000);
        assertTrue(added.contains("more failed (see the JSON or JUnit report)"), added);
    }

    @Test
    void whenNotEvenTheTableFitsOnlyTheHeadlineIsAdded() throws IOException {
        Path file = Files.writeString(dir.resolve("summary.md"), "x".repeat((int) MarkdownReport.LIMIT - 300));
        appendTo(file, ReportFixture.fanOut(20_000, 1));
        String added = Files.readString(file).substring((int) MarkdownReport.LIMIT - 300);
        assertTrue(added.startsWith("### ❌ jobrun"), added);
        assertFalse(added.contains("#### Failed"), added);
        assertTrue(Files.size(file) < MarkdownReport.LIMIT);
    }

    @Test
    void textFromTasksCannotBreakTheTable() {
        assertEquals("a \\| b &lt;img&gt; \\*x\\* c", MarkdownReport.cell("a | b <img> *x*\nc"));
    }
}
