package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spool's text reaches the report byte for byte, whether it stayed in memory or grew into a file of its own; a
 * committed report takes the place of what was at its path, but never of a folder.
 */
class ReportOutTests {
    @TempDir
    Path dir;

    @Test
    void aSmallSpoolStaysInMemoryAndIsCopiedWholeAsOftenAsAsked() throws IOException {
        ReportOut spool = ReportOut.spool();
        String cases = "<testcase name=\"é ✓ 𝄞\"/>\n".repeat(1000);
        spool.text.append(cases);
        spool.flushIfLarge();
        assertFalse(spool.filed(), "370 kB of test cases are held in memory");

        assertEquals("<a>" + cases + cases + "</a>", written(spool, spool));
    }

    @Test
    void aSpoolPastItsBoundGoesToAFileAndIsCopiedWhole() throws IOException {
        ReportOut spool = ReportOut.spool();
        StringBuilder expected = new StringBuilder();
        String line = "<testcase name=\"item ü\">" + "x".repeat(200) + "</testcase>\n";
        while (!spool.filed()) {
            spool.text.append(line);
            expected.append(line);
            spool.flushIfLarge();
        }
        assertTrue(expected.length() >= ReportOut.SPOOL_IN_MEMORY);
        spool.text.append("<last/>");
        expected.append("<last/>");

        assertEquals("<a>" + expected + expected + "</a>", written(spool, spool));
        spool.close();
    }

    @Test
    void aCommittedReportTakesThePlaceOfTheFileAtItsPathAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("report.xml");
        Files.writeString(target, "the last run's report");

        assertEquals("<a></a>", written());
        assertEquals(List.of(target), filesIn(dir));
    }

    @Test
    void aFolderAtTheReportsPathIsNeverRemoved() throws IOException {
        Path target = Files.createDirectory(dir.resolve("report.xml"));
        ReportOut out = ReportOut.open(target, false);
        out.text.append("<a/>");

        assertThrows(IOException.class, out::commit);
        out.close();
        assertTrue(Files.isDirectory(target), "an empty folder where the report goes stays a folder");
        assertEquals(List.of(target), filesIn(dir));
    }

    @Test
    void aSymbolicLinkAtTheReportsPathIsReplacedAndWhatItPointsToIsLeftAlone() throws IOException {
        Path elsewhere = Files.writeString(Files.createDirectory(dir.resolve("elsewhere")).resolve("kept.xml"), "kept");
        Path target = Files.createSymbolicLink(dir.resolve("report.xml"), elsewhere);

        assertEquals("<a></a>", written());
        assertFalse(Files.isSymbolicLink(target));
        assertEquals("kept", Files.readString(elsewhere));
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.sorted().toList();
        }
    }

    /** A report of {@code spools} copied in turn between {@code <a>} and {@code </a>}, as committed. */
    private String written(ReportOut... spools) throws IOException {
        Path target = dir.resolve("report.xml");
        ReportOut out = ReportOut.open(target, false);
        out.text.append("<a>");
        for (ReportOut spool : spools) {
            out.append(spool);
        }
        out.text.append("</a>");
        out.commit();
        return Files.readString(target);
    }
}
