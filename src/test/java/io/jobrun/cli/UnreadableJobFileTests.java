package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files that no parser should see, made here for both syntaxes: huge, binary, not UTF-8, with control characters,
 * empty, missing, a directory. Each is refused with exit 2 and nothing runs; a problem at a place in the text names
 * its line, as any other problem does. (The corpus of files that parse
 * but are wrong is {@link BadJobFileTests}.)
 */
class UnreadableJobFileTests {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "groovy"})
    void aHundredMegabyteFileIsRefusedWithoutBeingParsed(String extension) throws IOException {
        Path huge = temp.resolve("huge." + extension);
        byte[] line = "# padding padding padding padding padding padding padding padding padding padding\n"
                .getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(huge)) {
            for (long written = 0; written < 100L * 1024 * 1024; written += line.length) {
                out.write(line);
            }
        }
        CliRun run = CliRun.of(huge.toString());
        assertEquals("jobrun: " + huge + ": is too large: 100.0 MiB (a job file may be at most 3 MiB)\n",
                run.stderr());
        assertEquals("", run.stdout());
        assertEquals(2, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "groovy"})
    void binaryGarbageIsRefusedAsNotTextAtItsFirstNulByte(String extension) throws IOException {
        Path garbage = temp.resolve("garbage." + extension);
        byte[] bytes = new byte[4096];
        new Random(42).nextBytes(bytes);
        byte[] head = "tasks:\n  a: \u00e9".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = 0;
        Files.write(garbage, bytes);
        CliRun run = CliRun.of(garbage.toString());
        assertEquals(garbage + ":2:7: a NUL byte: the file is binary, not text (a job file is UTF-8 text)\n"
                + "jobrun: 1 problem in " + garbage + "; nothing ran\n", run.stderr());
        assertEquals(2, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "groovy"})
    void textThatIsNotUtf8IsRefusedAtItsLineAndColumn(String extension) throws IOException {
        Path latin1 = temp.resolve("latin1." + extension);
        Files.write(latin1, "# menu\ndescription: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun run = CliRun.of(latin1.toString());
        assertEquals(latin1 + ":2:17: a byte that is not UTF-8 (0xE9): a job file is UTF-8 text\n"
                + "jobrun: 1 problem in " + latin1 + "; nothing ran\n", run.stderr());
        assertEquals(2, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "groovy"})
    void anEmptyFileIsRefusedAtLineOne(String extension) throws IOException {
        Path empty = Files.writeString(temp.resolve("empty." + extension), "\n  \n");
        CliRun run = CliRun.of(empty.toString());
        assertEquals(empty + ":1: the file is empty (expected a job: at least one task)\n"
                + "jobrun: 1 problem in " + empty + "; nothing ran\n", run.stderr());
        assertEquals(2, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "groovy"})
    void controlCharactersAreRefusedAtTheirLineInEveryForm(String extension) throws IOException {
        for (char control : new char[] {0x01, 0x08, 0x0b, 0x1b, 0x7f, 0x85, 0x9b, 0xfffe}) {
            Path file = Files.writeString(temp.resolve("control." + extension), "\n\n  x" + control + "\n");
            CliRun run = CliRun.of(file.toString());
            assertEquals(String.format("%s:3:4: a control character (U+%04X), which a job file may not hold; inside "
                    + "quotes, write it as the escape \\u%04X", file, (int) control, (int) control),
                    run.stderr().lines().findFirst().orElse(""));
            assertEquals(2, run.exitCode());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "yml", "groovy"})
    void aMissingFileIsRefused(String extension) {
        String missing = temp.resolve("missing." + extension).toString();
        CliRun run = CliRun.of(missing);
        assertEquals("jobrun: " + missing + ": no such file\n", run.stderr());
        assertEquals(2, run.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "groovy"})
    void aDirectoryIsRefused(String extension) throws IOException {
        Path directory = Files.createDirectory(temp.resolve("jobs." + extension));
        CliRun run = CliRun.of(directory.toString());
        assertEquals("jobrun: " + directory + ": is a directory, not a job file\n", run.stderr());
        assertEquals(2, run.exitCode());
    }

    @Test
    void aFileOfAnotherKindIsRefusedNamingTheKindsRead() {
        CliRun run = CliRun.of("jobs/build.json");
        assertEquals("jobrun: jobs/build.json: not a job file this build reads (expected a .groovy, .yaml or .yml "
                + "file)\n", run.stderr());
        assertEquals(2, run.exitCode());
    }

    @Test
    void aDirectoryGivenForAJobFileIsRefusedNamingTheJobFilesInIt() throws IOException {
        Path jobs = Files.createDirectory(temp.resolve("jobs"));
        CliRun empty = CliRun.of(jobs.toString());
        assertEquals("jobrun: " + jobs + ": is a directory with no job files (.groovy, .yaml or .yml) in it\n",
                empty.stderr());
        assertEquals(2, empty.exitCode());
        for (String name : List.of("e.yaml", "d.groovy", "c.yml", "b.groovy", "a.yaml", "notes.txt")) {
            Files.writeString(jobs.resolve(name), "");
        }
        CliRun run = CliRun.of(jobs.toString());
        assertEquals("jobrun: " + jobs + ": is a directory; name a job file in it: " + jobs.resolve("a.yaml") + ", "
                + jobs.resolve("b.groovy") + ", " + jobs.resolve("c.yml") + ", " + jobs.resolve("d.groovy")
                + ", ... (5 in all)\n", run.stderr());
        assertEquals(2, run.exitCode());
    }
}
