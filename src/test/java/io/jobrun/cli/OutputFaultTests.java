package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hostile output from shell tasks: too much of it on one line, and escape sequences aimed at the terminal. */
class OutputFaultTests {
    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void aFourHundredMegabyteLineWithA256MegabyteHeapKeepsItsHeadAndTailWithoutOutOfMemory() throws Exception {
        // one line of 400 MiB of 'x', then a last line; the failing copy exits 3 so that the report shows its tail
        String line = "head -c 419430400 /dev/zero | tr '\\\\0' x; echo; echo the end";
        Path job = write("huge.yaml", """
                executors:
                  two: { threads: 2 }
                tasks:
                  huge:
                    on: two
                    shell: "%s"
                  huge-failing:
                    on: two
                    shell: "%s; exit 3"
                """.formatted(line, line));
        ForkedJobrun jobrun = ForkedJobrun.start(dir, Map.of("JOBRUN_JAVA_OPTS", "-Xmx256m"), job.toString(),
                "--no-emoji", "--quiet");
        try {
            assertEquals(1, jobrun.awaitExit(), jobrun::stderr);
            String stdout = jobrun.stdout();
            assertEquals("", jobrun.stderr());
            assertTrue(stdout.startsWith("\n2 tasks: 1 ok, 1 failed\n"), stdout);
            assertTrue(Pattern.compile("""

                    \\[FAILED] huge-failing failed \\(defined at .*/huge.yaml:7:3\\)
                        error: command exited with status 3
                        command: head -c 419430400 /dev/zero \\| tr '\\\\0' x; echo; echo the end; exit 3
                        exit status: 3
                        output:
                          \\| x{4096} \\[\\.\\.\\. 419426304 more bytes]
                          \\| the end
                    """).matcher(stdout).find(), stdout);
        } finally {
            jobrun.destroy();
        }
    }

    @Test
    void escapeSequencesInTaskOutputAreEscapedInTheReport() throws Exception {
        // OSC 0 sets the terminal's title; CSI 2J clears the screen; CR would overwrite the start of a report line
        Path job = write("escapes.yaml", """
                tasks:
                  title:
                    shell: printf '\\033]0;pwned\\007\\033[2J\\rgotcha\\n'
                  fails:
                    shell: printf 'ok\\033[31m red\\r\\n'; exit 1
                """);
        CliRun run = CliRun.of(job.toString(), "--quiet");
        assertEquals("""

                2 tasks: 1 ok, 1 failed
                Wall time: 0.00s   Task time: 0.00s   Speed up: n/a   Throughput: n/a

                [FAILED] fails failed (defined at %s:4:3)
                    error: command exited with status 1
                    command: printf 'ok\\033[31m red\\r\\n'; exit 1
                    exit status: 1
                    output:
                      | ok\\e[31m red
                """.formatted(job), run.stdout());
        assertEquals(1, run.exitCode());
        CliRun table = CliRun.of(job.toString());
        assertTrue(table.stdout().contains("[ok]      title  default   ok      1         0.00s  "
                + "\\e]0;pwned\\x07\\e[2J\\rgotcha\n"), table.stdout());
        assertFalse(table.stdout().contains("\033") || table.stdout().contains("\007")
                || table.stdout().contains("\r"), table.stdout());
    }

    private Path write(String name, String text) throws java.io.IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
