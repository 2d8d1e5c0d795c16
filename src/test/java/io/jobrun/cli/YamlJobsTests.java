package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.testing.Json;
import io.jobrun.testing.SchemaCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The YAML jobs in jobs/: each runs green, passes --check, declares the schema and is valid against it. */
class YamlJobsTests {
    private static final Path SCHEMA = Path.of("dsl/job.schema.json");
    /** Smaller inputs where the example's own would make the suite slow on a loaded machine. */
    private static final Map<String, String[]> QUICKER = Map.of("jobs/primes.yaml", new String[] {"-p", "limit=20000"});

    static Stream<String> yamlJobs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("jobs"))) {
            return files.map(Path::toString).filter(name -> name.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static Stream<String> allJobs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("jobs"))) {
            return files.map(Path::toString).filter(name -> name.endsWith(".yaml") || name.endsWith(".groovy"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("yamlJobs")
    void everyYamlJobRunsGreen(String job) {
        List<String> args = new ArrayList<>(List.of(job, "--no-emoji"));
        args.addAll(List.of(QUICKER.getOrDefault(job, new String[0])));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), () -> run.stdout() + run.stderr());
        assertFalse(run.stdout().contains("[FAILED]"), run.stdout());
    }

    @Test
    void processesExecutorRunsShellTasksInWorkerJvms() {
        CliRun run = CliRun.of("jobs/primes.yaml", "-p", "limit=20000");
        assertEquals(0, run.exitCode(), () -> run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("[ok]  processes[4]   cpu       ok      1"), run.stdout());
        assertTrue(run.stdout().contains("Primes below 80000: 7837"), run.stdout());
    }

    @Test
    void shellTaskOverItsLimitIsATimeoutEvenWhenItsCommandStartedAGrandchild() {
        // `sleep 2; echo ...` makes sh fork sleep; killing that tree must not wait for init to reap the sleep, or
        // the task outlives its leak grace and is reported as leaked instead of timed out.
        CliRun run = CliRun.of("jobs/timeouts.yaml", "--no-emoji");
        assertTrue(run.stdout().lines().anyMatch(line -> line.matches("\\S*\\s*too-slow\\s+io\\s+timeout\\s.*")),
                run.stdout());
        assertTrue(run.stdout().contains("too-slow timed out"), run.stdout());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allJobs")
    void everyJobPassesCheckAndNothingRuns(String job) {
        CliRun run = CliRun.of("--check", job);
        assertEquals(job + ": ok\n", run.stdout());
        assertEquals("", run.stderr());
        assertEquals(0, run.exitCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("yamlJobs")
    void everyYamlJobDeclaresTheSchemaForEditors(String job) throws IOException {
        assertEquals("# yaml-language-server: $schema=../dsl/job.schema.json",
                Files.readAllLines(Path.of(job)).get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("yamlJobs")
    void everyYamlJobIsValidAgainstTheSchema(String job) throws IOException {
        assertEquals(List.of(), schema().problems(asJson(Path.of(job))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown-task-option", "invalid-duration", "wrong-option-type", "unknown-executor-kind",
        "shell-and-http", "nothing-to-do", "no-tasks", "unknown-halt-policy", "unknown-http-method"})
    void theSchemaRejectsWhatTheLoaderRejects(String fixture) throws IOException {
        List<String> problems = schema().problems(asJson(Path.of("src/test/resources/bad-jobs-yaml/"
                + fixture + ".yaml")));
        assertFalse(problems.isEmpty(), fixture + " passes the schema");
    }

    @Test
    void everyKeyOfTheSchemaHasADescription() throws IOException {
        Json schema = Json.parse(SCHEMA);
        List<String> missing = new ArrayList<>();
        walk(schema, "", missing);
        assertEquals(List.of(), missing);
        assertEquals("http://json-schema.org/draft-07/schema#", schema.get("$schema").asText());
    }

    @Test
    void severalJobFilesRunOneAfterAnother() {
        CliRun run = CliRun.of("jobs/pipeline.yaml", "jobs/map-as-completed.yaml", "--no-emoji");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().contains("saved ITEM 42 DATA"), run.stdout());
        assertTrue(run.stdout().contains("4 prices"), run.stdout());
    }

    private static void walk(Json node, String path, List<String> missing) {
        Json properties = node.get("properties");
        if (properties != null) {
            for (Map.Entry<String, Json> entry : properties.members().entrySet()) {
                if (!entry.getValue().has("description")) {
                    missing.add(path + "/" + entry.getKey());
                }
            }
        }
        for (Map.Entry<String, Json> entry : node.members().entrySet()) {
            walk(entry.getValue(), path + "/" + entry.getKey(), missing);
        }
        for (int i = 0; i < node.elements().size(); i++) {
            walk(node.get(i), path + "/" + i, missing);
        }
    }

    private static SchemaCheck schema() {
        return SchemaCheck.of(SCHEMA);
    }

    /** Reads YAML with the same YAML 1.2 parser the loader uses, as the JSON an editor would validate. */
    private static Json asJson(Path file) throws IOException {
        return Json.of(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file)));
    }
}
