package io.jobrun.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The env-file format people write, and what jobrun refuses in it. */
class EnvFileTests {
    @TempDir
    Path dir;

    private static Map<String, String> parse(String text) throws EnvFile.UnreadableException {
        return EnvFile.parse(text.getBytes(StandardCharsets.UTF_8), ".env");
    }

    private static List<String> problems(byte[] bytes) {
        EnvFile.UnreadableException e = assertThrows(EnvFile.UnreadableException.class,
                () -> EnvFile.parse(bytes, ".env"));
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void namesValuesExportCommentsAndBlankLinesReadAsShellsWriteThem() throws Exception {
        Map<String, String> read = parse("""
                # a comment
                
                PLAIN=value
                export EXPORTED=yes
                SPACED = around the equals   # and a comment after
                HASH=a#b
                EMPTY=
                """);
        assertEquals(Map.of("PLAIN", "value", "EXPORTED", "yes", "SPACED", "around the equals", "HASH", "a#b",
                "EMPTY", ""), read);
        assertEquals(List.of("PLAIN", "EXPORTED", "SPACED", "HASH", "EMPTY"), List.copyOf(read.keySet()),
                "file order");
    }

    @Test
    void singleQuotesAreLiteralAndDoubleQuotesReadEscapes() throws Exception {
        Map<String, String> read = parse("""
                SINGLE='a\\nb $HOME "x" # not a comment'
                DOUBLE="line one\\nline two\\t\\"quoted\\" \\\\ \\$HOME"
                """);
        assertEquals("a\\nb $HOME \"x\" # not a comment", read.get("SINGLE"));
        assertEquals("line one\nline two\t\"quoted\" \\ $HOME", read.get("DOUBLE"));
    }

    @Test
    void aQuotedValueMaySpanLinesAndCrlfLineEndsAreRead() throws Exception {
        Map<String, String> read = parse("KEY=\"-----BEGIN KEY-----\r\nabc\r\n-----END KEY-----\"\r\nNEXT=1\r\n");
        assertEquals("-----BEGIN KEY-----\nabc\n-----END KEY-----", read.get("KEY"));
        assertEquals("1", read.get("NEXT"));
    }

    @Test
    void aNameGivenTwiceHasItsLastValue() throws Exception {
        assertEquals(Map.of("A", "2"), parse("A=1\nA=2\n"));
    }

    @Test
    void everyBadLineIsAProblemAtItsLine() {
        assertEquals(List.of(".env:2: expected NAME=value (or export NAME=value, a # comment, a blank line); the line"
                        + " is not shown, since it may hold a secret",
                        ".env:3: '1ST' is not a variable name (letters, digits and _, not starting with a digit)",
                        ".env:4: text after the closing ' (a comment starts with #)",
                        ".env:5: the value's \" is never closed"),
                problems("OK=1\nno equals sign\n1ST=x\nQ='v' more\nOPEN=\"never\nclosed\n"
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNulByteIsRefusedAtItsLine() {
        assertEquals(List.of(".env:2: a NUL byte, which no environment variable can hold (an env file is UTF-8 text)"),
                problems("A=1\nB=x\0y\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAtTheirLine() {
        byte[] bytes = {'A', '=', '1', '\n', 'B', '=', (byte) 0xC3, (byte) 0x28, '\n'};
        assertEquals(List.of(".env:2: a byte that is not UTF-8 (0xC3): an env file is UTF-8 text"), problems(bytes));
    }

    @Test
    void aTenMegabyteFileIsRefusedWithoutReadingItAll() throws IOException {
        Path big = dir.resolve("big.env");
        byte[] line = ("K=" + "v".repeat(1000) + "\n").getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 10 * 1024; i++) {
                out.write(line);
            }
        }
        EnvFile.UnreadableException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(EnvFile.UnreadableException.class, () -> EnvFile.read(big, "big.env")));
        assertEquals("big.env: is too large: 9.8 MiB (an env file may be at most 1 MiB; it holds settings, and a "
                + "process cannot start with an environment that large)", e.getMessage());
    }

    @Test
    void aFileJustUnderTheLimitOfManyLinesIsReadInOnePass() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < EnvFile.MAX_BYTES - 100; i++) {
            text.append("NAME_").append(i).append("=value ").append(i).append('\n');
        }
        Map<String, String> read = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> parse(text.toString()));
        assertEquals("value 0", read.get("NAME_0"));
    }

    @Test
    void aMissingFileIsAProblemOfTheWholeFile() {
        EnvFile.UnreadableException e = assertThrows(EnvFile.UnreadableException.class,
                () -> EnvFile.read(dir.resolve("none.env"), "none.env"));
        assertEquals("none.env: no such file", e.getMessage());
    }
}
