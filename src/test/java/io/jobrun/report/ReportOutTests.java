package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spool's text reaches the report byte for byte, whether it stayed in memory or grew into a file of its own. */
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
