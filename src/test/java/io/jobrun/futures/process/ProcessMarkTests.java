package io.jobrun.futures.process;

import static io.jobrun.futures.process.ProcessFiles.awaitGone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Marking a process and everything it starts, and finding and killing them all, on Linux's /proc. */
class ProcessMarkTests {
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        started.forEach(process -> ProcessTree.kill(process.toHandle()));
    }

    @Test
    void thisLinuxSupportsMarks() {
        assertTrue(ProcessMark.supported(), "/proc/self/environ is readable");
    }

    @Test
    void markedProcessIsFoundAndAnUnmarkedOneIsNot() throws IOException {
        ProcessMark mark = ProcessMark.create();
        Process marked = start(mark, "sleep", "300");
        Process unmarked = start(null, "sleep", "300");
        assertEquals(Set.of(marked.pid()), pids(mark.find()));
        assertTrue(unmarked.isAlive());
    }

    @Test
    void aDescendantThatLeftItsSessionAndWasAdoptedByInitStillBearsTheMark() throws Exception {
        ProcessMark mark = ProcessMark.create();
        Path pidFile = Files.createTempFile("jobrun-mark", ".pid");
        Process shell = start(mark, "sh", "-c", "setsid sh -c 'sleep 300 </dev/null >/dev/null 2>&1 & echo $! > \"$0\"' "
                + pidFile + "; exit 0");
        assertEquals(0, shell.waitFor());
        long escapee = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle handle = ProcessHandle.of(escapee).orElseThrow();
        assertFalse(ProcessHandle.current().descendants().anyMatch(h -> h.pid() == escapee), "out of the tree");
        // NOTE: $! is written as soon as the shell forks; while the child execs sleep its environment reads empty
        ProcessFiles.until(() -> handle.info().command().map(command -> command.endsWith("sleep")).orElse(false),
                "process " + escapee + " to be sleep");

        assertEquals(Set.of(escapee), pids(mark.find()));
        assertEquals(List.of(), mark.killAll());
        awaitGone(escapee);
        assertFalse(handle.isAlive());
    }

    @Test
    void marksNestSoAnOuterMarkFindsWhatAnInnerOneMarked() throws IOException {
        ProcessMark outer = ProcessMark.create();
        ProcessMark inner = ProcessMark.create();
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "exec sleep 300");
        outer.applyTo(builder);
        inner.applyTo(builder);
        Process both = builder.start();
        started.add(both);
        Process outerOnly = start(outer, "sleep", "300");
        assertEquals(Set.of(both.pid(), outerOnly.pid()), pids(outer.find()));
        assertEquals(Set.of(both.pid()), pids(inner.find()));
    }

    @Test
    void killAllEndsAProcessThatKeepsStartingOthers() throws IOException {
        ProcessMark mark = ProcessMark.create();
        start(mark, "sh", "-c", "while true; do sleep 300 & sleep 0.01; done");
        ProcessFiles.until(() -> mark.find().size() > 3, "the loop to start a few sleepers");
        assertEquals(List.of(), mark.killAll());
        assertEquals(List.of(), mark.find());
    }

    @Test
    void survivorsAreDescribedByPidAndCommand() {
        ProcessHandle self = ProcessHandle.current();
        assertEquals("1 process it started survived being killed: pid " + self.pid() + " (java)",
                ProcessMark.describeSurvivors(List.of(self)));
        assertTrue(ProcessMark.describeSurvivors(List.of(self, self)).startsWith("2 processes it started"));
    }

    @Test
    void aTokenIsThirtyTwoHexDigitsAndRoundTrips() {
        ProcessMark mark = ProcessMark.create();
        assertEquals(mark.variable(), ProcessMark.of(mark.token()).variable());
        assertTrue(mark.variable().matches(ProcessMark.VARIABLE_PREFIX + "[0-9a-f]{32}"));
        assertThrows(IllegalArgumentException.class, () -> ProcessMark.of("x; rm -rf /"));
    }

    private Process start(ProcessMark mark, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (mark != null) {
            mark.applyTo(builder);
        }
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static Set<Long> pids(List<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
