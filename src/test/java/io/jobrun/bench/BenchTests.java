package io.jobrun.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmarks run and print every workload; what they measure is for bin/bench, not for a test. */
class BenchTests {
    @Test
    void quickRunPrintsEveryCoreWorkloadWithItsTarget() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new CoreBenchmarks(new Report(new PrintStream(bytes, true, StandardCharsets.UTF_8)), true).run();
        String printed = bytes.toString(StandardCharsets.UTF_8);
        for (String row : new String[] {"(a) submit + result", "(b) map over", "(c) asCompleted", "(d) 200 x sleep"}) {
            assertTrue(printed.contains(row), () -> "missing row '" + row + "' in:\n" + printed);
        }
        assertTrue(printed.contains("<= 1.5x JDK"), printed);
    }

    @Test
    void quickJobsRunPrintsEveryWorkloadWithItsTarget() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.nio.file.Path written;
        try (JobBenchmarks jobs = new JobBenchmarks(new Report(new PrintStream(bytes, true, StandardCharsets.UTF_8)),
                true)) {
            jobs.run();
            written = jobs.folder();
            assertTrue(java.nio.file.Files.isDirectory(written), "the runs write into " + written);
        }
        assertFalse(java.nio.file.Files.exists(written), "what the runs wrote is removed: " + written);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        for (String row : new String[] {"(a) direct, N=100", "(b) map, N=1000", "(c) 2 fan-outs + after:, N=1000",
                "(b) cost per task, N=1000 over N=100", "(b) job overhead per task", "(c) live heap peak",
                "load average"}) {
            assertTrue(printed.contains(row), () -> "missing row '" + row + "' in:\n" + printed);
        }
    }

    /** The rows that decide a target are measured in JVMs of their own, each reporting its medians back. */
    @Test
    void eachFreshJvmMeasuresTheReportsAndTheJournalAndReportsItsRatio() throws Exception {
        for (String section : new String[] {"reports", "journal"}) {
            FreshJvms.Ratios ratios = FreshJvms.measure(section, 2, true);
            assertEquals(2, ratios.ratios().length, section);
            for (double ratio : ratios.ratios()) {
                assertTrue(ratio > 0 && Double.isFinite(ratio), section + ": " + ratio);
            }
            assertTrue(ratios.ours() > 0 && ratios.baseline() > 0, section);
            assertTrue(ratios.spread().endsWith(" over 2 JVMs"), ratios.spread());
        }
    }

    @Test
    void quickScriptRunPrintsStartUpPerTaskOverheadAndSpeedUp() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScriptBenchmarks.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        for (String row : new String[] {"first JavaScript context", "first Python context",
                "per task, trivial JavaScript script", "per task, trivial Python script", "speed-up, 2 threads over 1",
                "control: the sieve in Java", "endless JavaScript loop stopped", "endless Python loop stopped"}) {
            assertTrue(printed.contains(row), () -> "missing row '" + row + "' in:\n" + printed);
        }
    }
}
