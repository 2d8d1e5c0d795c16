package io.jobrun.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.dsl.yaml.JobSchema;
import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.futures.Executor;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.ThreadPoolExecutor;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorKinds;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.JobValidator;
import io.jobrun.job.Kinds;
import io.jobrun.job.LoadedJob;
import io.jobrun.job.OptionSpec;
import io.jobrun.job.OptionType;
import io.jobrun.run.Interpreter;
import io.jobrun.run.RunResult;
import io.jobrun.run.Ticker;
import io.jobrun.testing.Json;
import io.jobrun.testing.SchemaCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * An executor kind is one class and one registry line: a kind registered only here is bound by both fronts from
 * its declared options, checked by the validator, created by the run, and described by the JSON Schema.
 */
class ExecutorKindRegistryTests {
    /** The kind this test registers: threads under another name, with two options of its own. */
    static final class SamplePool implements ExecutorKind {
        final AtomicReference<ExecutorSpec> created = new AtomicReference<>();

        @Override
        public String name() {
            return "samplePool";
        }

        @Override
        public String description() {
            return "N threads of a kind that only the tests register";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(new OptionSpec("label", OptionType.TEXT, null, "a name for the pool's threads"),
                    new OptionSpec("patience", OptionType.DURATION, null, "how long it waits"));
        }

        @Override
        public List<String> problems(ExecutorSpec spec) {
            return spec.workers() > 5 ? List.of("a sample pool has at most 5 workers, got " + spec.workers())
                    : List.of();
        }

        @Override
        public Executor create(ExecutorSpec spec, Initializer workerSetup) {
            created.set(spec);
            return new ThreadPoolExecutor(spec.workers());
        }
    }

    private final SamplePool sample = new SamplePool();
    private final ExecutorKinds kinds = ExecutorRegistry.STANDARD.with(sample);
    private final Kinds withSample = Loading.STANDARD.with(sample);

    @TempDir
    Path dir;

    private LoadedJob load(String name, String text, Kinds registry) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        return Loading.load(file, name, Map.of(), registry);
    }

    private LoadedJob groovy(String declaration, Kinds registry) throws IOException {
        return load("job.groovy", "executor 'p', " + declaration + "\ntask 'a', on: 'p', { 42 }\n", registry);
    }

    private LoadedJob yaml(String declaration, Kinds registry) throws IOException {
        return load("job.yaml", "executors:\n  p: " + declaration + "\ntasks:\n  a: { on: p, shell: echo 42 }\n",
                registry);
    }

    private List<String> problems(LoadedJob loaded) {
        List<String> messages = new ArrayList<>();
        loaded.problems().forEach(p -> messages.add(p.message()));
        if (loaded.job() != null) {
            new JobValidator(kinds).validate(loaded.job()).forEach(p -> messages.add(p.message()));
        }
        return messages;
    }

    @Test
    void bothFrontsBindARegisteredKindFromItsDeclaredOptions() throws IOException {
        ExecutorSpec fromGroovy = groovy("samplePool(3, label: 'x', patience: '2s')", withSample).job().executor("p");
        ExecutorSpec fromYaml = yaml("{ sample_pool: 3, label: x, patience: 2s }", withSample).job().executor("p");
        ExecutorSpec expected = new ExecutorSpec("p", "samplePool", 3, Map.of("label", "x", "patience",
                Duration.ofSeconds(2)), fromGroovy.position());
        assertEquals(expected, fromGroovy);
        assertEquals(expected.options(), fromYaml.options());
        assertEquals("samplePool(3)", fromYaml.describe());
    }

    @Test
    void bothFrontsRefuseAnOptionTheKindDoesNotDeclareInTheSameWords() throws IOException {
        assertEquals(List.of("unknown samplePool option 'lable' (did you mean 'label'?)"),
                problems(groovy("samplePool(3, lable: 'x')", withSample)));
        assertEquals(List.of("unknown sample_pool option 'lable' (did you mean 'label'?)"),
                problems(yaml("{ sample_pool: 3, lable: x }", withSample)));
    }

    @Test
    void bothFrontsConvertOptionsToTheDeclaredTypeInTheSameWords() throws IOException {
        assertEquals(List.of("invalid duration 'soon' for patience (expected a number and a unit: 500ms, 10s, 1.5m,"
                + " 2h)"), problems(groovy("samplePool(3, patience: 'soon')", withSample)));
        assertEquals(problems(groovy("samplePool(3, patience: 'soon')", withSample)),
                problems(yaml("{ sample_pool: 3, patience: soon }", withSample)));
    }

    @Test
    void theKindsOwnRulesRunInTheValidatorForBothFronts() throws IOException {
        List<String> expected = List.of("executor 'p': a sample pool has at most 5 workers, got 9");
        assertEquals(expected, problems(groovy("samplePool(9)", withSample)));
        assertEquals(expected, problems(yaml("{ sample_pool: 9 }", withSample)));
    }

    @Test
    void aKindThatIsNotRegisteredIsUnknownToBothFronts() throws IOException {
        assertEquals(List.of("unknown executor kind 'samplePool' (expected one of threads, virtualThreads, "
                + "processes, cluster)"), problems(groovy("samplePool(3)", Loading.STANDARD)));
        assertEquals(List.of("unknown executor kind 'sample_pool' (expected one of threads, virtual_threads, "
                + "processes, cluster)"), problems(yaml("{ sample_pool: 3 }", Loading.STANDARD)));
    }

    @Test
    void theRunCreatesThePoolThroughTheRegisteredKind() throws IOException {
        LoadedJob loaded = groovy("samplePool(2, label: 'x')", withSample);
        RunResult result = new Interpreter(loaded.job(), kinds, Ticker.SYSTEM).run();
        assertEquals(42, result.outcomes().get(0).result());
        assertEquals(Map.of("label", "x"), sample.created.get().options());
    }

    @Test
    void aPoolOfARegisteredKindCanBeMadeInsideATask() throws IOException {
        LoadedJob loaded = load("inside.groovy", """
                task 'a', {
                    def pool = samplePool(2, label: 'inner')
                    pool.submit { 6 * 7 }.result()
                }
                """, withSample);
        assertEquals(List.of(), problems(loaded));
        RunResult result = new Interpreter(loaded.job(), kinds, Ticker.SYSTEM).run();
        assertEquals(42, result.outcomes().get(0).result(), () -> String.valueOf(result.outcomes().get(0).error()));
        assertEquals(Map.of("label", "inner"), sample.created.get().options());
    }

    @Test
    void theSchemaFileIsWhatTheStandardRegistryGenerates() throws IOException {
        // NOTE: when a kind or an option changes, write JobSchema.generate(Loading.STANDARD) to the file.
        assertEquals(JobSchema.generate(Loading.STANDARD), Files.readString(Path.of("dsl/job.schema.json")));
    }

    @Test
    void theSchemaOfARegistryDescribesItsKindsAndTheirOptions() throws IOException {
        Json yaml = asJson("executors:\n  p: { sample_pool: 3, label: x, patience: 2s }\ntasks:\n"
                + "  a: { on: p, shell: echo 42 }\n");
        assertEquals(List.of(), validate(JobSchema.generate(withSample), yaml));
        assertFalse(validate(JobSchema.generate(Loading.STANDARD), yaml).isEmpty(),
                "the standard schema knows no sample_pool");
        Json wrongOption = asJson("executors:\n  p: { threads: 3, label: x }\ntasks:\n  a: { shell: echo }\n");
        assertFalse(validate(JobSchema.generate(withSample), wrongOption).isEmpty(), "label belongs to sample_pool only");
        Json schema = Json.parse(JobSchema.generate(withSample));
        String described = schema.toString();
        assertTrue(described.contains("\"description\":\"How long it waits.\""), described);
        assertNotNull(schema.get("properties"));
    }

    @Test
    void theSchemaLeavesTheFilesOwnTopLevelKeysToIt() {
        String schema = JobSchema.generate(Loading.STANDARD);
        assertEquals(List.of(), validate(schema, asJson("x-defaults: { retries: 2 }\ntasks:\n  a: { shell: echo }\n")));
        assertEquals(List.of("$: unexpected member \"defaults\""),
                validate(schema, asJson("defaults: { retries: 2 }\ntasks:\n  a: { shell: echo }\n")));
    }

    private static List<String> validate(String schema, Json document) {
        return new SchemaCheck(Json.parse(schema)).problems(document);
    }

    private static Json asJson(String yaml) {
        return Json.of(new Load(LoadSettings.builder().build()).loadFromString(yaml));
    }
}
