package io.jobrun.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.Job;
import io.jobrun.job.LoadedJob;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A YAML job means exactly what the same Groovy job means: both load into models that agree in every meaningful part. */
class YamlGroovyEquivalenceTests {
    private static final PrintStream SINK = new PrintStream(new ByteArrayOutputStream());

    @ParameterizedTest
    @ValueSource(strings = {"everything", "hello", "scripts"})
    void groovyAndYamlTwinsLoadIntoTheSameModel(String name) throws Exception {
        Map<String, String> params = Map.of("dir", "from-the-command-line");
        assertEquals(shape(groovy(name, params)), shape(yaml(name, params)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"everything"})
    void commandLineParamsOverrideTheFileDefaultsInBothSyntaxes(String name) throws Exception {
        Map<String, String> params = Map.of("dir", "elsewhere");
        assertEquals("elsewhere", groovy(name, params).params().get("dir"));
        assertEquals("elsewhere", yaml(name, params).params().get("dir"));
        assertEquals("http://127.0.0.1:8080", yaml(name, params).params().get("base"));
    }

    private static Job groovy(String name, Map<String, String> params) throws IOException {
        Path file = Path.of("src/test/resources/equivalent/" + name + ".groovy");
        return model(Loading.load(file, file.toString(), params));
    }

    private static Job yaml(String name, Map<String, String> params) throws Exception {
        Path file = Path.of("src/test/resources/equivalent/" + name + ".yaml");
        return model(Loading.load(file, file.toString(), params));
    }

    private static Job model(LoadedJob loaded) {
        assertEquals(List.of(), loaded.problems());
        assertNotNull(loaded.job());
        return loaded.job();
    }

    /** Everything but code and positions, as text, so that a difference reads plainly. */
    private static List<String> shape(Job job) {
        List<String> lines = new ArrayList<>();
        lines.add("description " + job.description());
        lines.add("params " + new java.util.TreeMap<>(job.params()));
        lines.add("timeout " + job.timeout() + ", halt " + job.halt() + ", default " + job.defaultTasks());
        for (ExecutorSpec e : job.executors()) {
            lines.add("executor " + e.name() + " " + e.kind() + " " + e.workers() + " options " + e.options());
        }
        for (TaskSpec t : job.tasks()) {
            lines.add("task " + t.name() + " on " + t.executor() + " timeout " + t.timeout() + " retry " + t.retry()
                    + " after " + t.after() + " input " + t.inputFrom() + " over " + t.over() + " optional "
                    + t.optional() + " when " + t.when() + " description " + t.description() + " body " + body(t.body()) + " callbacks " + present(t.callbacks().onSuccess())
                    + present(t.callbacks().onFailure()) + present(t.callbacks().onTimeout())
                    + present(t.callbacks().onDone()));
        }
        lines.add("job callbacks always " + job.callbacks().always().size() + " success "
                + job.callbacks().onSuccess().size() + " failure " + job.callbacks().onFailure().size());
        return lines;
    }

    private static String body(TaskBody body) {
        return switch (body) {
            case TaskBody.Templated templated -> "templated " + body(templated.body());
            case TaskBody.Shell shell -> "shell " + shell.command() + " env " + shell.env() + " dir "
                    + shell.directory();
            case TaskBody.Http http -> "http " + http.method() + " " + http.url() + " headers " + http.headers()
                    + " body " + http.body() + " expect " + http.expect() + " timeout " + http.timeout();
            case TaskBody.Script script -> "script " + script.language() + " file " + script.file() + " code "
                    + script.code().strip() + " at " + (script.file() != null ? script.codeAt() : "(job file)")
                    + " call " + script.call() + " args " + script.args() + " allow " + script.allow();
            default -> "code";
        };
    }

    private static String present(Object callback) {
        return callback == null ? "-" : "+";
    }
}
