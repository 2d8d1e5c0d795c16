package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/jobrun runs a job file that does not say "cluster" without Hazelcast's jar on its class path, and a YAML one
 * without Groovy's jars too (bin/lib/launch.sh): such runs need neither, and one that declares a cluster executor all
 * the same (a YAML key spelled with escapes, a Groovy method name built at run time) is rejected before anything runs,
 * at the executor's line, rather than failing on a missing class.
 */
class RunClassPathTests {
    @TempDir
    Path dir;

    /** This build's class path without the jars whose names match {@code left}. */
    private static String classPathWithout(String left) {
        String path = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().matches(left))
                .collect(Collectors.joining(File.pathSeparator));
        assertFalse(path.contains("hazelcast-"), path);
        return path;
    }

    /** Runs {@code job} with the class path bin/jobrun gives a run of its syntax that names no cluster. */
    private ForkedJobrun run(Path job, String name) throws Exception {
        Path out = Files.createDirectories(dir.resolve(name));
        String left = job.toString().endsWith(".groovy") ? "hazelcast-.*\\.jar" : "(groovy|hazelcast)-.*\\.jar";
        return ForkedJobrun.start(out, Map.of("JOBRUN_CLASSPATH", classPathWithout(left),
                "JOBRUN_CACHE_DIR", dir.resolve("cache").toString()), job.toString());
    }

    @Test
    void aYamlRunNeedsNeitherGroovyNorHazelcast() throws Exception {
        Path job = Files.writeString(dir.resolve("job.yaml"), String.join("\n",
                "executors:",
                "  pool: { threads: 2 }",
                "tasks:",
                "  each:",
                "    on: pool",
                "    foreach: [a, b]",
                "    shell: echo \"${item}\"",
                "  join:",
                "    after: [each]",
                "    shell: echo joined", ""));

        assertThreeTasksRanOk(run(job, "yaml"));
    }

    @Test
    void aGroovyRunNeedsNoHazelcast() throws Exception {
        Path job = Files.writeString(dir.resolve("job.groovy"), String.join("\n",
                "executor 'pool', threads(2)",
                "map 'each', over: ['a', 'b'], on: 'pool', { it.toUpperCase() }",
                "task('join', after: 'each') { 'joined' }", ""));

        assertThreeTasksRanOk(run(job, "groovy"));
    }

    @Test
    void aGroovyClusterExecutorNamedAtRunTimeWithoutHazelcastIsRejectedBeforeAnythingRuns() throws Exception {
        Path marker = dir.resolve("ran");
        Path job = Files.writeString(dir.resolve("job.groovy"), String.join("\n",
                "def kind = 'clu' + 'ster'",
                "executor 'grid', \"$kind\"(2)",
                "task('touch', on: 'grid') { new File('" + marker + "').text = 'ran' }", ""));

        assertRejectedAtLine2(job, run(job, "groovy-rejected"), marker);
    }

    @Test
    void aYamlClusterExecutorKeySpelledWithEscapesWithoutHazelcastIsRejectedBeforeAnythingRuns() throws Exception {
        Path marker = dir.resolve("ran");
        Path job = Files.writeString(dir.resolve("job.yaml"), String.join("\n",
                "executors:",
                "  grid: { \"\\x63luster\": 2 }",
                "tasks:",
                "  touch:",
                "    on: grid",
                "    shell: touch " + marker, ""));

        assertRejectedAtLine2(job, run(job, "rejected"), marker);
    }

    /** The run ends with exit 2 and the missing Hazelcast at the executor's line 2, and no task ran. */
    private static void assertRejectedAtLine2(Path job, ForkedJobrun jobrun, Path marker) throws Exception {
        assertEquals(2, jobrun.awaitExit(), jobrun::stderr);
        assertTrue(jobrun.stderr().contains(job + ":2:"), jobrun::stderr);
        assertTrue(jobrun.stderr().contains("needs Hazelcast"), jobrun::stderr);
        assertFalse(jobrun.stderr().contains("Exception"), jobrun::stderr);
        assertFalse(Files.exists(marker), "a task ran");
    }

    private static void assertThreeTasksRanOk(ForkedJobrun jobrun) throws Exception {
        assertEquals(0, jobrun.awaitExit(), jobrun::stderr);
        assertTrue(jobrun.stdout().contains("3 tasks: 3 ok"), jobrun::stdout);
    }
}
