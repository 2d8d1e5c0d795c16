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
 * bin/jobrun runs a YAML file that does not say "cluster" without Groovy's and Hazelcast's jars on its class path
 * (bin/lib/launch.sh): such a run needs neither, and one that declares a cluster executor all the same (its key
 * spelled with escapes) is rejected before anything runs, at the executor's line, rather than failing on a missing
 * class.
 */
class YamlClassPathTests {
    @TempDir
    Path dir;

    /** This build's class path without the jars bin/jobrun leaves out of a YAML run. */
    private static String yamlClassPath() {
        String path = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().matches("(groovy|hazelcast)-.*\\.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        assertFalse(path.contains("hazelcast-"), path);
        return path;
    }

    private ForkedJobrun run(Path job, String name) throws Exception {
        Path out = Files.createDirectories(dir.resolve(name));
        return ForkedJobrun.start(out, Map.of("JOBRUN_CLASSPATH", yamlClassPath()), job.toString());
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

        ForkedJobrun jobrun = run(job, "run");

        assertEquals(0, jobrun.awaitExit(), jobrun::stderr);
        assertTrue(jobrun.stdout().contains("3 tasks: 3 ok"), jobrun::stdout);
    }

    @Test
    void aClusterExecutorWithoutHazelcastOnTheClassPathIsRejectedBeforeAnythingRuns() throws Exception {
        Path marker = dir.resolve("ran");
        Path job = Files.writeString(dir.resolve("job.yaml"), String.join("\n",
                "executors:",
                "  grid: { \"\\x63luster\": 2 }",
                "tasks:",
                "  touch:",
                "    on: grid",
                "    shell: touch " + marker, ""));

        ForkedJobrun jobrun = run(job, "rejected");

        assertEquals(2, jobrun.awaitExit(), jobrun::stderr);
        assertTrue(jobrun.stderr().contains(job + ":2:"), jobrun::stderr);
        assertTrue(jobrun.stderr().contains("needs Hazelcast"), jobrun::stderr);
        assertFalse(jobrun.stderr().contains("Exception"), jobrun::stderr);
        assertFalse(Files.exists(marker), "a task ran");
    }
}
