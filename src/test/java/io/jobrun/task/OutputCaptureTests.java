package io.jobrun.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.job.TaskBody;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a shell task's output capture keeps: the head and tail of each stream, and the last lines, all bounded. */
@Timeout(120)
class OutputCaptureTests {
    @Test
    void pipesThatNeverCloseLeaveVirtualThreadsFreeToRun() throws Exception {
        int carriers = Runtime.getRuntime().availableProcessors();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "-Djdk.virtualThreadScheduler.parallelism=" + carriers,
                "-Djdk.virtualThreadScheduler.maxPoolSize=" + carriers, "-cp", System.getProperty("java.class.path"),
                HeldOpenPipesProbe.class.getName(), String.valueOf(4 * carriers + 2)).redirectErrorStream(true)
                .start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, probe.waitFor(), output);
        String[] lines = output.split("\n");
        assertEquals("every virtual thread ran", lines[0], output);
        String[] holders = lines[1].substring("holders: ".length()).split(" ");
        assertEquals(4 * carriers + 2, holders.length, output);
        for (String pid : holders) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(holder -> holder.onExit().join());
            assertTrue(ProcessHandle.of(Long.parseLong(pid)).map(h -> !h.isAlive()).orElse(true),
                    "a process the probe held open outlived it: " + pid);
        }
    }

    @Test
    void outputBeyondTheCapKeepsItsFirstAndLastHalfAndSaysHowMuchWasLeftOut() {
        HeadAndTail kept = new HeadAndTail(8);
        byte[] digits = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < digits.length; i++) {
            kept.append(digits, i, 1); // byte by byte, so that the tail's ring wraps around
        }
        assertEquals("0123\n[... 12 bytes of output left out ...]\nghij", kept.text());
        HeadAndTail inOneGo = new HeadAndTail(8);
        inOneGo.append(digits, 0, digits.length);
        assertEquals(kept.text(), inOneGo.text());
    }

    @Test
    void outputWithinTheCapIsKeptWhole() {
        HeadAndTail kept = new HeadAndTail(8);
        byte[] text = "abcdefgh".getBytes(StandardCharsets.US_ASCII);
        kept.append(text, 0, 5);
        kept.append(text, 5, 3);
        assertEquals("abcdefgh", kept.text());
    }

    @Test
    void aCharacterCutByTheCapIsLeftOutWholeRatherThanShownAsAReplacement() {
        HeadAndTail kept = new HeadAndTail(8);
        // é is 2 bytes, € 3: the head's 4 bytes end inside é, the tail's 4 begin inside the last €
        byte[] text = "aaaé€bbbbbb€cc".getBytes(StandardCharsets.UTF_8);
        kept.append(text, 0, text.length);
        assertEquals("aaa\n[... 14 bytes of output left out ...]\ncc", kept.text());
    }

    @Test
    void aLongLineKeepsItsStartAndSaysHowManyMoreBytesItHad() throws Exception {
        TaskOutput recent = new TaskOutput("t", null, 0, 3, 4);
        java.io.OutputStream out = recent.stream();
        byte[] text = "shorter\nabcdefghij\nend\r\nlast".getBytes(StandardCharsets.US_ASCII);
        out.write(text, 0, text.length);
        out.close();
        assertEquals(List.of("[... 1 more lines ...]", "abcd [... 6 more bytes]", "end", "last"), recent.lines());
    }

    @Test
    void linesOfBothStreamsKeepTheOrderTheyWereCompletedInWithTheHeadAndTheTail() throws Exception {
        List<String> live = new java.util.ArrayList<>();
        TaskOutput recent = new TaskOutput("t", (task, line) -> live.add(task + ": " + line), 1, 2, 100);
        java.io.OutputStream out = recent.stream();
        java.io.OutputStream err = recent.stream();
        append(out, "zero\none\ntwo-");
        append(err, "three\n");
        append(out, "done\n");
        assertEquals(List.of("zero", "[... 1 more lines ...]", "three", "two-done"), recent.lines());
        assertEquals(List.of("t: zero", "t: one", "t: three", "t: two-done"), live);
    }

    @Test
    void aCommandPrintingMoreThanTheCapGetsItsHeadAndTailAsItsResult() throws Exception {
        // about 2.6 MB on stdout, twice the cap
        ShellResult result = ShellRunner.run(new TaskBody.Shell("seq 1 400000", Map.of(), null));
        assertTrue(result.stdout().startsWith("1\n2\n3\n"), () -> result.stdout().substring(0, 20));
        assertTrue(result.stdout().endsWith("399999\n400000\n"));
        assertTrue(result.stdout().contains(" bytes of output left out ...]\n"));
        assertTrue(result.stdout().length() <= ShellRunner.MAX_OUTPUT_BYTES + 100, "kept at most the cap");
    }

    private static void append(java.io.OutputStream writer, String text) throws java.io.IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        writer.write(bytes, 0, bytes.length);
    }
}
