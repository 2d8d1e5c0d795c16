package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.report.ReportChecks;
import io.jobrun.testing.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What tasks print reaches the task's one output whatever prints it and wherever it runs (a Python {@code print}, a
 * closure's {@code println}, on threads and in worker JVMs), and the JSON and JUnit reports carry it.
 */
@Timeout(300)
class PrintedOutputTests {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"threads(1)", "processes(1)"})
    void aPythonPrintIsTheTasksOutputNeverALogLine(String executor) throws IOException {
        CliRun run = CliRun.ofFile(dir, "job.groovy", "executor 'ex', " + executor + "\n"
                + "task 'py', on: 'ex', script('python', '''print('hello from python')\n6 * 7''')\n",
                "--output", "--no-journal", "--report", "json=" + dir.resolve("r.json"));
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("py | hello from python\n"), run.stdout());
        assertFalse(run.stderr().contains("hello from python"), "no log line: " + run.stderr());
        assertEquals(List.of("hello from python"), output(ReportChecks.json(dir.resolve("r.json")), "py"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"threads(1)", "processes(1)"})
    void aClosuresPrintlnIsItsTasksOutputOnThreadsAndInAWorkerJvm(String executor) throws IOException {
        CliRun run = CliRun.ofFile(dir, "job.groovy", "executor 'ex', " + executor + "\n"
                + "task 'code', on: 'ex', { println 'first line'; System.err.println 'not the task'; println 'second';"
                + " 42 }\n", "--output", "--no-journal", "--report", "json=" + dir.resolve("r.json"));
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("code | first line\ncode | second\n"), run.stdout());
        assertEquals(List.of("first line", "second"), output(ReportChecks.json(dir.resolve("r.json")), "code"));
    }

    @Test
    void theJsonAndJunitReportsCarryEachTasksOutput() throws IOException {
        CliRun run = CliRun.ofFile(dir, "job.yaml", """
                tasks:
                  ok: { shell: 'echo out line; echo err line >&2' }
                  bad: { shell: 'echo about to fail; exit 2' }
                """, "--no-journal", "--report", "json=" + dir.resolve("r.json"), "--report",
                "junit=" + dir.resolve("r.xml"));
        assertEquals(1, run.exitCode(), run.stderr());
        Json report = ReportChecks.json(dir.resolve("r.json"));
        List<String> ok = output(report, "ok");
        assertTrue(ok.containsAll(List.of("out line", "err line")) && ok.size() == 2, ok.toString());
        assertEquals(List.of("about to fail"), output(report, "bad"));
        NodeList cases = ReportChecks.junit(dir.resolve("r.xml")).getElementsByTagName("testcase");
        String okOut = null;
        String badOut = null;
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            String out = testcase.getElementsByTagName("system-out").item(0).getTextContent();
            if (testcase.getAttribute("name").equals("ok")) {
                okOut = out;
            } else {
                badOut = out;
            }
        }
        assertTrue(okOut.contains("out line\n") && okOut.contains("err line\n"), okOut);
        assertEquals("about to fail\n", badOut);
    }

    private static List<String> output(Json report, String task) {
        List<String> lines = new ArrayList<>();
        for (Json node : report.get("tasks")) {
            if (node.get("name").asText().equals(task)) {
                node.get("output").forEach(line -> lines.add(line.asText()));
            }
        }
        return lines;
    }
}
