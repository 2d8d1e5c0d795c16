package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.run.RunEvent;
import io.jobrun.run.RunListener;
import io.jobrun.run.TaskStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * JUnit XML read the way its consumers read it: Jenkins' junit step (classname split at its last dot, the text of
 * error or failure, skipped, flakyFailure and rerunFailure, testcase system-out and system-err, properties), GitLab
 * (classname shown as the suite, name, file, time, the text of failure, error and skipped) and the GitHub report
 * actions (file and line of a testcase for annotations).
 */
class JunitReportTests {
    @TempDir
    Path dir;

    private Document junit(ReportFixture run) {
        return ReportChecks.junit(run.write("junit", dir.resolve("junit.xml")));
    }

    /** The test cases by name, as GitLab keys them (it keeps only the first of a duplicate name). */
    private static Map<String, Element> cases(Document xml) {
        Map<String, Element> cases = new LinkedHashMap<>();
        NodeList nodes = xml.getElementsByTagName("testcase");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element testcase = (Element) nodes.item(i);
            assertNull(cases.put(testcase.getAttribute("name"), testcase), "two test cases named the same");
        }
        return cases;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element only(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals(1, found.size(), "one <" + name + "> in " + parent.getAttribute("name"));
        return found.get(0);
    }

    /** The result element of a test case as Jenkins decides it: error, else failure, else skipped, else passed. */
    private static String verdict(Element testcase) {
        for (String name : new String[] {"error", "failure", "skipped"}) {
            if (!children(testcase, name).isEmpty()) {
                return name;
            }
        }
        return "passed";
    }

    private static Map<String, String> properties(Element parent) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Element block : children(parent, "properties")) {
            for (Element property : children(block, "property")) {
                properties.put(property.getAttribute("name"), property.getAttribute("value"));
            }
        }
        return properties;
    }

    /**
     * Every status, and how each consumer shows it: Jenkins and GitLab by the element under the test case (failure:
     * failed, error: broken, skipped; none: passed), the GitHub report actions the same, annotating file:line.
     */
    @Test
    void everyStatusMapsToTheElementItsConsumersRead() {
        Map<String, Element> cases = cases(junit(ReportFixture.everyStatus()));
        Map<String, String> verdicts = new TreeMap<>();
        Set<String> statuses = new TreeSet<>();
        cases.forEach((name, testcase) -> {
            verdicts.put(name, verdict(testcase));
            statuses.add(properties(testcase).get("jobrun.status"));
            assertFalse(testcase.getAttribute("file").isEmpty(), name + " has its file");
            assertTrue(testcase.getAttribute("line").matches("[1-9][0-9]*"), name + " has its line");
        });
        assertEquals(Map.ofEntries(Map.entry("compile", "passed"), Map.entry("compile/io-1", "passed"),
                Map.entry("test[unit]", "passed"), Map.entry("shell", "passed"), Map.entry("big", "passed"),
                Map.entry("test[e2e]", "failure"), Map.entry("docs", "failure"), Map.entry("shell-fail", "failure"),
                Map.entry("lint", "error"), Map.entry("hang", "error"),
                Map.entry("deploy", "skipped"), Map.entry("notify", "skipped")), verdicts);
        Set<String> taskStatuses = new TreeSet<>();
        for (TaskStatus status : TaskStatus.values()) {
            if (status != TaskStatus.LOST && status != TaskStatus.NOT_SELECTED) { // an attempt's; another fixture's
                taskStatuses.add(status.word());
            }
        }
        assertEquals(taskStatuses, statuses, "the fixture has every status a task can end with");
    }

    @Test
    void aTaskTheCommandLineDidNotSelectIsSkipped() {
        Document xml = junit(ReportFixture.notSelected());
        Element deploy = cases(xml).get("deploy");
        assertEquals("skipped", verdict(deploy));
        assertEquals("not_selected", properties(deploy).get("jobrun.status"));
        assertEquals("1", ((Element) xml.getElementsByTagName("testsuite").item(0)).getAttribute("skipped"));
    }

    @Test
    void anAttemptLostWithItsClusterMemberIsAFlakyErrorOfATaskThatPassed() {
        Element hold = cases(junit(ReportFixture.lostAttempt())).get("hold");
        assertEquals("passed", verdict(hold));
        Element lost = only(hold, "flakyError");
        assertEquals("RunnerDecision", lost.getAttribute("type"));
        assertEquals("attempt 1: its worker 10.0.0.8:5701 left while it ran", lost.getAttribute("message"));
    }

    @Test
    void oneSuitePerJobFileWithItsCountsTimeTimestampAndHost() {
        Document xml = junit(ReportFixture.everyStatus());
        Element root = xml.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("12", root.getAttribute("tests"));
        Element suite = only(root, "testsuite");
        assertEquals(ReportFixture.FILE, suite.getAttribute("name"));
        assertEquals("12", suite.getAttribute("tests"));
        assertEquals("3", suite.getAttribute("failures"));
        assertEquals("2", suite.getAttribute("errors"));
        assertEquals("2", suite.getAttribute("skipped"));
        assertEquals("0.400", suite.getAttribute("time"));
        assertTrue(suite.getAttribute("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"),
                suite.getAttribute("timestamp"));
        assertFalse(suite.getAttribute("hostname").isBlank());
        Map<String, String> properties = properties(suite);
        assertEquals(ReportFixture.RUN_ID, properties.get("jobrun.run_id"));
        assertEquals(ReportFixture.SHA, properties.get("jobrun.sha256"));
        assertEquals("***", properties.get("param.token"));
    }

    @Test
    void theClassnameHasNoDotFromTheExtensionAndEveryCaseItsFileAndLine() {
        Element testcase = cases(junit(ReportFixture.everyStatus())).get("test[unit]");
        // Jenkins: package "jobs", class "build_v2"; not package "jobs.build_v2", class "groovy".
        assertEquals("jobs.build_v2", testcase.getAttribute("classname"));
        assertEquals(ReportFixture.FILE, testcase.getAttribute("file"));
        assertEquals("12", testcase.getAttribute("line"));
        assertEquals("0.014", testcase.getAttribute("time"));
    }

    @Test
    void aPassingTaskHasNoResultElementAndItsProperties() {
        Element compile = cases(junit(ReportFixture.everyStatus())).get("compile");
        assertEquals("passed", verdict(compile));
        Map<String, String> properties = properties(compile);
        assertEquals("ok", properties.get("jobrun.status"));
        assertEquals("1", properties.get("jobrun.attempts"));
        assertEquals("io", properties.get("jobrun.executor"));
        assertEquals("1.000", properties.get("jobrun.queue_ms"));
    }

    @Test
    void aFailedTaskIsAFailureWithItsTypeMessageAndJobFileLine() {
        Element e2e = cases(junit(ReportFixture.everyStatus())).get("test[e2e]");
        assertEquals("failure", verdict(e2e));
        Element failure = only(e2e, "failure");
        assertEquals("AssertionError", failure.getAttribute("type"));
        assertEquals("AssertionError: expected 2 but was 3", failure.getAttribute("message"));
        assertEquals("jobs/build.v2.groovy:15: AssertionError: expected 2 but was 3", failure.getTextContent());
    }

    @Test
    void theEarlierAttemptsOfATaskThatFailedAreRerunFailures() {
        Element e2e = cases(junit(ReportFixture.everyStatus())).get("test[e2e]");
        Element rerun = only(e2e, "rerunFailure");
        assertEquals("attempt 1: IllegalStateException: connection reset", rerun.getAttribute("message"));
        assertEquals("jobs/build.v2.groovy:14: IllegalStateException: connection reset",
                only(rerun, "stackTrace").getTextContent());
    }

    @Test
    void aTaskThatPassedOnRetryPassesWithAFlakyFailurePerFailedAttempt() {
        Element unit = cases(junit(ReportFixture.everyStatus())).get("test[unit]");
        assertEquals("passed", verdict(unit));
        Element flaky = only(unit, "flakyFailure");
        assertEquals("IllegalStateException", flaky.getAttribute("type"));
        assertEquals("attempt 1: IllegalStateException: flaky", flaky.getAttribute("message"));
        assertEquals("2", properties(unit).get("jobrun.attempts"));
    }

    @Test
    void timeoutAndLeakedAreErrorsNotFailures() {
        Map<String, Element> cases = cases(junit(ReportFixture.everyStatus()));
        Element timeout = only(cases.get("lint"), "error");
        assertEquals("timeout", timeout.getAttribute("type"));
        assertEquals("timed out after 50ms", timeout.getAttribute("message"));
        assertEquals("leaked", only(cases.get("hang"), "error").getAttribute("type"));
    }

    @Test
    void skippedAndCancelledAreSkippedWithTheirReason() {
        Map<String, Element> cases = cases(junit(ReportFixture.everyStatus()));
        assertEquals("skipped because 'test' did not succeed",
                only(cases.get("deploy"), "skipped").getAttribute("message"));
        assertEquals("cancelled before it started", only(cases.get("notify"), "skipped").getAttribute("message"));
    }

    @Test
    void anOptionalFailureStaysAFailureMarkedOptional() {
        Element docs = cases(junit(ReportFixture.everyStatus())).get("docs");
        assertEquals("failure", verdict(docs));
        assertEquals("true", properties(docs).get("jobrun.optional"));
        assertEquals("IllegalStateException: no docs for ***", only(docs, "failure").getAttribute("message"));
    }

    @Test
    void shellOutputIsInSystemOutAndErrWithoutTerminalCodesForbiddenCharactersOrSecrets() {
        Element shell = cases(junit(ReportFixture.everyStatus())).get("shell");
        assertEquals("green text with NUL and token ***\n", only(shell, "system-out").getTextContent());
        assertEquals("a warning\n", only(shell, "system-err").getTextContent());
        Element failed = cases(junit(ReportFixture.everyStatus())).get("shell-fail");
        assertEquals("checking\nfailed: 3", only(failed, "system-out").getTextContent());
    }

    @Test
    void aHugeOutputKeepsItsHeadAndTail() {
        String output = "first line\n" + "y".repeat(400_000) + "\nlast line\n";
        Element chatty = cases(junit(ReportFixture.shellPrinted(output))).get("chatty");
        String kept = only(chatty, "system-out").getTextContent();
        assertTrue(kept.length() <= JunitReport.OUTPUT_CHARS + 100, "kept " + kept.length());
        assertTrue(kept.startsWith("first line\n"), kept.substring(0, 20));
        assertTrue(kept.endsWith("\nlast line\n"));
        assertTrue(kept.contains("[... " + (output.length() - JunitReport.OUTPUT_CHARS) + " characters cut ...]"));
    }

    @Test
    void severalJobFilesOfOneInvocationAreSeveralSuitesInOneFile() {
        Path file = dir.resolve("junit.xml");
        RunListener listener = Reports.STANDARD.create("junit", ReportFixture.settings()
                .to(ReportTarget.replacing(file.toString())));
        ReportFixture.everyStatus().feed(listener);
        ReportChecks.junit(file);
        ReportFixture.shellPrinted("hello\n").feed(listener);
        Document xml = ReportChecks.junit(file);
        assertEquals(2, xml.getElementsByTagName("testsuite").getLength());
        assertEquals("13", xml.getDocumentElement().getAttribute("tests"));
    }

    @Test
    void aWarningOfTheRunIsTheSuitesSystemErr() {
        Element suite = (Element) junit(ReportFixture.everyStatus()).getElementsByTagName("testsuite").item(0);
        assertEquals("a callback threw: leaked ***", only(suite, "system-err").getTextContent());
    }

    @Test
    void classnamesOfPathsAsUsersWriteThem() {
        assertEquals("etl", JunitReport.classname("etl.yaml"));
        assertEquals("jobs.etl", JunitReport.classname("./jobs/etl.yaml"));
        assertEquals("jobs.etl_v2", JunitReport.classname("jobs/etl.v2.yaml"));
        assertEquals("Makefile", JunitReport.classname("Makefile"));
    }

    @Test
    void everyEventKindIsAcceptedWithoutAFile() {
        // A report listener sees every event; those it does not use change nothing.
        RunListener listener = Reports.STANDARD.create("junit", ReportFixture.settings()
                .to(ReportTarget.replacing(dir.resolve("x.xml").toString())));
        listener.onEvent(new RunEvent.Warning(0, "before the start"));
    }
}
