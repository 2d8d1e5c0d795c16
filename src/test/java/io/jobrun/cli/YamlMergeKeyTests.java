package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YAML's merge key, {@code <<: *defaults}, as CI files use it: a job that merges means what the same job written out
 * means, the plan being the judge.
 */
class YamlMergeKeyTests {
    private static final String WRITTEN_OUT = """
            executors:
              io: { threads: 2 }
            tasks:
              one: { on: io, retries: 2, timeout: 10s, shell: echo one }
              two: { on: io, retries: 0, timeout: 10s, shell: echo two, after: one }
              three: { on: io, retries: 2, timeout: 5s, shell: echo three }
            """;

    @TempDir
    Path dir;

    private String plan(String text) throws IOException {
        CliRun run = CliRun.ofFile(dir, "job.yaml", text, "--dry-run");
        assertEquals(0, run.exitCode(), run.stderr());
        return run.stdout();
    }

    @Test
    void aMergedMapGivesItsKeysAndAKeyWrittenInTheMapWinsWhereverItIs() throws IOException {
        assertEquals(plan(WRITTEN_OUT), plan("""
                x-defaults: &defaults
                  on: io
                  retries: 2
                  timeout: 10s
                executors:
                  io: { threads: 2 }
                tasks:
                  one:
                    <<: *defaults
                    shell: echo one
                  two:
                    retries: 0
                    <<: *defaults
                    shell: echo two
                    after: one
                  three:
                    <<: [{timeout: 5s}, *defaults]
                    shell: echo three
                """));
    }

    @Test
    void aMapAnchoredInOneTaskMergesIntoAnother() throws IOException {
        assertEquals(plan(WRITTEN_OUT), plan("""
                executors:
                  io: { threads: 2 }
                tasks:
                  one: &task { on: io, retries: 2, timeout: 10s, shell: echo one }
                  two: { <<: *task, retries: 0, shell: echo two, after: one }
                  three: { <<: *task, timeout: 5s, shell: echo three }
                """));
    }

    @Test
    void aQuotedMergeKeyIsAKeyLikeAnyOtherAndOnlyTopLevelKeysStartingWithXAreTheFilesOwn() throws IOException {
        CliRun run = CliRun.ofFile(dir, "job.yaml", """
                x-shared: { anything: [1, 2] }
                y-shared: 1
                tasks:
                  one: { "<<": { retries: 1 }, shell: echo one }
                """, "--check");
        Path file = dir.resolve("job.yaml");
        assertEquals(2, run.exitCode(), run.stdout());
        assertEquals(file + ":2:1: unknown key 'y-shared' (expected one of description, params, executors, tasks,"
                + " timeout, halt, on_success, on_failure, always, default, output, dotenv, secrets)\n"
                + file + ":4:10: unknown task option '<<' (expected one of on, foreach, timeout, retries, after, when,"
                + " optional, description, member_pool, cache, once, inputs, on_success, on_failure, on_timeout,"
                + " on_done, shell, http, script)\n", run.stderr().replaceAll("(?m)^jobrun: .*\n", ""));
    }

    @Test
    void aProblemInAMergedValueIsReportedWhereTheValueIsWritten() throws IOException {
        CliRun run = CliRun.ofFile(dir, "job.yaml", """
                x-defaults: &defaults
                  retries: many
                tasks:
                  one: { <<: *defaults, shell: echo one }
                """, "--check");
        assertEquals(2, run.exitCode(), run.stdout());
        assertEquals(dir.resolve("job.yaml") + ":2:12: retries must be a whole number, got the text 'many'\n",
                run.stderr().replaceAll("(?m)^jobrun: .*\n", ""));
    }
}
