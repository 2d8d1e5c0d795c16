package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The RESULT column fills the terminal's width with a result's first line; {@code --results} prints it whole. */
class ResultColumnTests {
    private static final String LONG = "x".repeat(70) + " the end of a long first line";

    private static Path job(Path directory, String syntax) throws IOException {
        String command = "printf '" + LONG + "\\nsecond line\\n'";
        String text = syntax.equals("groovy") ? "task 'long', shell(\"\"\"" + command + "\"\"\")\n"
                : "tasks:\n  long:\n    shell: \"" + command.replace("\\", "\\\\") + "\"\n";
        return Files.writeString(directory.resolve("job." + syntax), text);
    }

    private static CliRun run(int columns, String... args) {
        return CliRun.with(new Terminal(Map.of(), StandardCharsets.US_ASCII, false, columns), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void aWideTerminalShowsTheWholeFirstLine(String syntax, @TempDir Path directory) throws IOException {
        CliRun run = run(200, job(directory, syntax).toString(), "--no-emoji");
        // NOTE: "..." says that the result has more lines than the first
        assertTrue(run.stdout().contains("[ok]  long  default   ok      1         0.00s  " + LONG + "...\n"),
                run.stdout());
        assertEquals(0, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void aNarrowTerminalCutsTheResultToItsWidth(String syntax, @TempDir Path directory) throws IOException {
        CliRun run = run(80, job(directory, syntax).toString(), "--no-emoji");
        String row = run.stdout().lines().filter(line -> line.startsWith("[ok]")).findFirst().orElseThrow();
        assertEquals("[ok]  long  default   ok      1         0.00s  " + "x".repeat(30) + "...", row);
        assertEquals(80, row.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"groovy", "yaml"})
    void resultsPrintsEveryLineOfEachResultAfterTheSummary(String syntax, @TempDir Path directory)
            throws IOException {
        CliRun run = run(60, job(directory, syntax).toString(), "--no-emoji", "--results", "--quiet");
        assertEquals("""

                1 task: 1 ok
                Wall time: 0.00s   Task time: 0.00s   Speed up: n/a   Throughput: n/a

                Results:
                  long:
                    %s
                    second line
                """.formatted(LONG), run.stdout());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode());
    }
}
