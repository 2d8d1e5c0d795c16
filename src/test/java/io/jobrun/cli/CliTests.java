package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.OptionSpec;
import io.jobrun.job.TaskKind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line: streams, exit codes, and the exact text of help, plans and reports (with a frozen clock). */
class CliTests {
    private static final String CHAIN = "src/test/resources/jobs/chain.groovy";
    private static final String FAILING = "src/test/resources/jobs/failing.groovy";

    @Test
    void helpGoesToStdoutWithTheExitCodesAndExitsZero() {
        CliRun run = CliRun.of("--help");
        assertEquals(Help.text(Cli.STANDARD_KINDS), run.stdout());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode());
        for (String code : new String[] {"  0    every task succeeded", "  1    some task failed or timed out",
            "  2    usage error or invalid job file (nothing ran)", "  130  interrupted (Ctrl-C)"}) {
            assertTrue(run.stdout().contains(code), code);
        }
    }

    @Test
    void helpListsEveryRegisteredExecutorKindWithItsOptions() {
        String help = CliRun.of("--help").stdout();
        for (ExecutorKind kind : ExecutorRegistry.STANDARD.all()) {
            assertTrue(help.contains("  " + kind.name() + "(N)  "), kind.name());
            for (OptionSpec option : kind.options()) {
                assertTrue(help.contains("      " + option.name() + " "), kind.name() + " " + option.name());
            }
        }
        assertTrue(help.contains("      maxHeap"), "the process kind's options are listed");
        for (TaskKind kind : Cli.STANDARD_KINDS.tasks().all()) {
            assertTrue(help.contains("  " + kind.name() + "("), kind.name());
            for (OptionSpec option : kind.options()) {
                assertTrue(help.contains("      " + option.name() + " "), kind.name() + " " + option.name());
            }
        }
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliRun run = CliRun.of("--version");
        assertTrue(run.stdout().matches("jobrun \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), run.stdout());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode());
    }

    @Test
    void missingJobFileIsAUsageErrorOnStderr() {
        CliRun run = CliRun.of();
        assertEquals("", run.stdout());
        assertEquals("jobrun: no job file given\n" + Help.USAGE + "\nRun 'bin/jobrun --help' for more.\n",
                run.stderr());
        assertEquals(2, run.exitCode());
    }

    @Test
    void unknownOptionGetsADidYouMean() {
        CliRun run = CliRun.of(CHAIN, "--dryrun");
        assertEquals("jobrun: unknown option '--dryrun' (did you mean '--dry-run'?)\n" + Help.USAGE
                + "\nRun 'bin/jobrun --help' for more.\n", run.stderr());
        assertEquals(2, run.exitCode());
    }

    @Test
    void nonexistentFileExitsTwo() {
        CliRun run = CliRun.of("jobs/no-such-job.groovy");
        assertEquals("jobrun: jobs/no-such-job.groovy: no such file\n", run.stderr());
        assertEquals("", run.stdout());
        assertEquals(2, run.exitCode());
    }

    @Test
    void dryRunPrintsThePlanAndRunsNothing() {
        CliRun run = CliRun.of(FAILING, "--dry-run");
        assertEquals("""
                Plan for src/test/resources/jobs/failing.groovy
                Executors:
                  default  threads(8)  (for tasks without on:)
                Tasks:
                  boom        on default, timeout none, retries 0
                  build       on default, shell 'echo compiling >&2; echo "error: missing semicolon" >&2; exit 2', \
                timeout none, retries 0
                  after-boom  on default, timeout none, retries 0, after boom
                Halt: run-all
                Nothing was run (--dry-run).
                """, run.stdout());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode(), "a dry run of a failing job succeeds: nothing ran, so nothing failed");
    }

    @Test
    void successfulRunPrintsProgressToStderrAndTheSummaryToStdoutAndExitsZero() {
        CliRun run = CliRun.of(CHAIN, "-p", "who=jobrun");
        assertEquals("""

                      TASK   EXECUTOR  STATUS  ATTEMPTS  TIME   RESULT
                [ok]  fetch  io        ok      1         0.00s  hello jobrun
                [ok]  shout  io        ok      1         0.00s  HELLO JOBRUN

                2 tasks: 2 ok
                Wall time: 0.00s   Task time: 0.00s   Speed up: n/a   Throughput: n/a
                """, run.stdout());
        assertEquals("[1/2] [ok] fetch (0.00s)\n[2/2] [ok] shout (0.00s)\n", run.stderr());
        assertEquals(0, run.exitCode());
    }

    @Test
    void aSkippedTaskReadsAsAPlainMessageWithoutAClassName() {
        CliRun run = CliRun.of(FAILING);
        assertTrue(run.stdout().contains("""
                           TASK        EXECUTOR  STATUS   ATTEMPTS  TIME   RESULT
                [FAILED]   boom        default   failed   1         0.00s  IllegalStateException: boom
                [FAILED]   build       default   failed   1         0.00s  command exited with status 2
                [skipped]  after-boom  default   skipped  0         0.00s  skipped because 'boom' did not succeed
                """), run.stdout());
        assertEquals(1, run.exitCode());
    }

    @Test
    void failedRunListsEachFailureWithItsLineAndShellOutputAndExitsOne() {
        CliRun run = CliRun.of(FAILING, "--quiet");
        assertEquals("""
                onFailure: boom: boom
                onFailure: build: command exited with status 2

                3 tasks: 0 ok, 2 failed, 1 skipped
                Wall time: 0.00s   Task time: 0.00s   Speed up: n/a   Throughput: n/a

                [FAILED] boom failed (defined at src/test/resources/jobs/failing.groovy:1:1)
                    error: IllegalStateException: boom
                    at: src/test/resources/jobs/failing.groovy:1

                [FAILED] build failed (defined at src/test/resources/jobs/failing.groovy:2:1)
                    error: command exited with status 2
                    command: echo compiling >&2; echo "error: missing semicolon" >&2; exit 2
                    exit status: 2
                    output:
                      | compiling
                      | error: missing semicolon
                """, run.stdout());
        assertEquals("", run.stderr(), "--quiet prints no progress");
        assertEquals(1, run.exitCode());
    }

    @Test
    void emojiIndicatorsOnAUtf8Terminal() {
        CliRun run = CliRun.with(CliRun.UTF8, CHAIN, "--quiet");
        assertEquals(0, run.exitCode());
        CliRun failing = CliRun.with(CliRun.UTF8, FAILING, "--quiet");
        assertTrue(failing.stdout().contains("❌ boom failed"), failing.stdout());
    }

    @Test
    void noEmojiFlagAndNoColorGivePlainAscii() {
        CliRun flag = CliRun.with(CliRun.UTF8, FAILING, "--quiet", "--no-emoji");
        assertTrue(flag.stdout().contains("[FAILED] boom failed"), flag.stdout());
        Terminal noColor = new Terminal(Map.of("NO_COLOR", "1"), StandardCharsets.UTF_8, false);
        CliRun env = CliRun.with(noColor, FAILING, "--quiet");
        assertTrue(env.stdout().contains("[FAILED] boom failed"), env.stdout());
    }

    @Test
    void paramsFromTheCommandLineReachTheJob() {
        assertTrue(CliRun.of(CHAIN, "-p", "who=params").stdout().contains("HELLO PARAMS"));
        assertTrue(CliRun.of(CHAIN, "-pwho=glued").stdout().contains("HELLO GLUED"));
        assertTrue(CliRun.of(CHAIN).stdout().contains("HELLO WORLD"), "without -p the job's default applies");
    }

    @Test
    void malformedParamIsAUsageError() {
        CliRun run = CliRun.of(CHAIN, "-p", "novalue");
        assertTrue(run.stderr().startsWith("jobrun: -p needs key=value, got 'novalue'\n"), run.stderr());
        assertEquals(2, run.exitCode());
    }
}
