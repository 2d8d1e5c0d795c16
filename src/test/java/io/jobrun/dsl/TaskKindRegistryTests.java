package io.jobrun.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.dsl.yaml.JobSchema;
import io.jobrun.job.JobValidator;
import io.jobrun.job.Kinds;
import io.jobrun.job.LoadedJob;
import io.jobrun.job.OptionSpec;
import io.jobrun.job.OptionType;
import io.jobrun.job.RuleException;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskContext;
import io.jobrun.job.TaskKind;
import io.jobrun.run.Interpreter;
import io.jobrun.run.RunResult;
import io.jobrun.run.Ticker;
import io.jobrun.testing.Json;
import io.jobrun.testing.SchemaCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A task kind is one class and one registry line: a kind registered only here is bound by both fronts from its
 * declared options, applies its own rules once for both, runs, and is described by the JSON Schema.
 */
class TaskKindRegistryTests {
    /** The kind this test registers: greets someone, a number of times. */
    static final class Greeting implements TaskKind {
        /** Its body, which runs itself. */
        record Body(String name, int times) implements TaskBody.Custom {
            @Override
            public String kind() {
                return "greeting";
            }

            @Override
            public Object run(TaskContext context) {
                return ("hello " + name + " ").repeat(times).strip();
            }
        }

        @Override
        public String name() {
            return "greeting";
        }

        @Override
        public String description() {
            return "greets someone, a number of times";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(new OptionSpec("name", OptionType.TEXT, null, "whom to greet"),
                    new OptionSpec("times", OptionType.COUNT, 1, "how many times"));
        }

        @Override
        public List<String> positional() {
            return List.of("name");
        }

        @Override
        public String shorthand() {
            return "name";
        }

        @Override
        public TaskBody body(Map<String, Object> options, Context context) {
            int times = (Integer) options.getOrDefault("times", 1);
            if (times < 1) {
                throw new RuleException("times", "greeting times must be at least 1, got " + times);
            }
            return new Body((String) options.get("name"), times);
        }
    }

    private final Kinds kinds = Loading.STANDARD.with(new Greeting());

    @TempDir
    Path dir;

    private LoadedJob load(String name, String text) throws IOException {
        return Loading.load(Files.writeString(dir.resolve(name), text), name, Map.of(), kinds);
    }

    private List<String> problems(LoadedJob loaded) {
        List<String> messages = new ArrayList<>();
        loaded.problems().forEach(p -> messages.add(p.toString().replace(dir + "/", "")));
        if (loaded.job() != null) {
            new JobValidator(kinds.executors()).validate(loaded.job()).forEach(p -> messages.add(
                    p.toString().replace(dir + "/", "")));
        }
        return messages;
    }

    @Test
    void bothFrontsBindARegisteredTaskKindFromItsDeclaredOptions() throws IOException {
        TaskBody groovy = load("a.groovy", "task 'a', greeting('Ada', times: 2)\n").job().task("a").body();
        TaskBody yaml = load("a.yaml", "tasks:\n  a: { greeting: { name: Ada, times: 2 } }\n").job().task("a").body();
        TaskBody shorthand = load("b.yaml", "tasks:\n  a: { greeting: Ada }\n").job().task("a").body();
        assertEquals(new Greeting.Body("Ada", 2), groovy);
        assertEquals(groovy, yaml);
        assertEquals(new Greeting.Body("Ada", 1), shorthand);
    }

    @Test
    void theKindsRuleIsPlacedAtItsOptionInBothSyntaxes() throws IOException {
        assertEquals(List.of("a.groovy:1:34: greeting times must be at least 1, got 0"),
                problems(load("a.groovy", "task 'a', greeting('Ada', times: 0)\n")));
        assertEquals(List.of("a.yaml:2:38: greeting times must be at least 1, got 0"),
                problems(load("a.yaml", "tasks:\n  a: { greeting: { name: Ada, times: 0 } }\n")));
    }

    @Test
    void anUndeclaredOptionIsRefusedInTheSameWords() throws IOException {
        assertEquals(List.of("a.groovy:1:27: unknown greeting option 'tims' (did you mean 'times'?)"),
                problems(load("a.groovy", "task 'a', greeting('Ada', tims: 2)\n")));
        assertEquals(List.of("a.yaml:2:31: unknown greeting option 'tims' (did you mean 'times'?)"),
                problems(load("a.yaml", "tasks:\n  a: { greeting: { name: Ada, tims: 2 } }\n")));
    }

    @Test
    void aTaskOfTheKindRunsAndAProcessExecutorIsRefusedForIt() throws IOException {
        LoadedJob loaded = load("a.groovy", "task 'a', greeting('Ada', times: 2)\n");
        RunResult result = new Interpreter(loaded.job(), kinds.executors(), Ticker.SYSTEM).run();
        assertEquals("hello Ada hello Ada", result.outcomes().get(0).result());
        assertEquals(List.of("a.groovy:2:1: task 'a' runs on process executor 'cpu', but a greeting task runs only in"
                + " this JVM"), problems(load("a.groovy", "executor 'cpu', processes(1)\n"
                + "task 'a', on: 'cpu', greeting('Ada')\n")));
    }

    @Test
    void theSchemaOfTheRegistryDescribesTheKind() throws IOException {
        String schema = JobSchema.generate(kinds);
        Json document = Json.of(new Load(LoadSettings.builder().build())
                .loadFromString("tasks:\n  a: { greeting: { name: Ada, times: 2 } }\n  b: { greeting: Bob }\n"));
        assertEquals(List.of(), new SchemaCheck(Json.parse(schema)).problems(document));
        assertFalse(new SchemaCheck(Json.parse(JobSchema.generate(Loading.STANDARD))).problems(document).isEmpty());
        assertTrue(schema.contains("\"description\": \"How many times.\""), schema);
    }
}
