package io.jobrun.dsl.groovy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.job.HaltPolicy;
import io.jobrun.job.ItemSource;
import io.jobrun.job.Job;
import io.jobrun.job.LoadedJob;
import io.jobrun.job.RetryPolicy;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Groovy front turns the example shape into the syntax-free model, positions included. */
class GroovyJobLoaderTests {
    private static final String FILE = "src/test/resources/jobs/shape.groovy";

    private static Job load() throws Exception {
        LoadedJob loaded = io.jobrun.dsl.Loading.load(Path.of(FILE), FILE, Map.of("dir", "jobs/data"));
        assertEquals(List.of(), loaded.problems());
        return loaded.job();
    }

    @Test
    void executorsAreDeclaredWithKindWorkersAndPosition() throws Exception {
        Job job = load();
        assertEquals("threads(8)", job.executor("io").describe());
        assertEquals("virtualThreads(2)", job.executor("cpu").describe());
        assertEquals(new SourcePosition(FILE, 3, 17), job.executor("io").position());
    }

    @Test
    void fanOutCarriesItsItemsAndOptions() throws Exception {
        TaskSpec analyze = load().task("analyze");
        assertEquals(3, ((ItemSource.Items) analyze.over()).items().size());
        assertEquals(Duration.ofSeconds(10), analyze.timeout());
        assertEquals(1, analyze.retry().count());
        assertEquals(new SourcePosition(FILE, 8, 1), analyze.position());
    }

    @Test
    void thenChainsRecordTheirUpstreamAndInheritItsExecutor() throws Exception {
        Job job = load();
        TaskSpec shout = job.task("shout");
        assertEquals(List.of("fetch"), shout.after());
        assertEquals("fetch", shout.inputFrom());
        assertEquals("io", shout.executor());
        assertEquals(new SourcePosition(FILE, 16, 6), shout.position());
        assertEquals(List.of("shout", "primes"), job.task("save").after());
    }

    @Test
    void retriesWithExponentialBackoffCapAndConditions() throws Exception {
        RetryPolicy retry = load().task("fetch").retry();
        assertEquals(new RetryPolicy(2, Duration.ofMillis(500), 2, Duration.ofSeconds(4),
                List.of("timeout", "IOException")), retry);
        assertEquals("2 (backoff 500ms x2 up to 4s) on timeout, IOException", retry.describe());
    }

    @Test
    void shellTaskKeepsCommandEnvironmentAndDirectory() throws Exception {
        TaskSpec build = load().task("build");
        assertEquals(new TaskBody.Shell("make -j2", Map.of("CC", "gcc"), "native"), build.body());
        assertTrue(build.optional());
        assertNull(build.executor());
    }

    @Test
    void jobLevelSettingsAndCallbacks() throws Exception {
        Job job = load();
        assertEquals(HaltPolicy.FIRST_FAILURE, job.halt());
        assertEquals(Duration.ofMinutes(5), job.timeout());
        assertEquals(1, job.callbacks().onFailure().size());
        assertEquals(1, job.callbacks().always().size());
        assertEquals("Count lines, words and characters of the text files under data/", job.description());
    }

    /** Groovy names a file's class after the file: {@code long.groovy} made a class {@code long}, which the JVM refused. */
    @Test
    void aJobFileNamedAfterAJavaKeywordRuns(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        for (String name : List.of("int", "long", "class", "true")) {
            Path file = dir.resolve(name + ".groovy");
            java.nio.file.Files.writeString(file, "task 'hi', { 'hello from ' + '" + name + "' }\n");
            LoadedJob loaded = io.jobrun.dsl.Loading.load(file, file.toString(), Map.of());
            assertEquals(List.of(), loaded.problems(), name);
            io.jobrun.run.RunResult result = new io.jobrun.run.Interpreter(loaded.job(),
                    io.jobrun.executors.ExecutorRegistry.STANDARD, io.jobrun.run.Ticker.SYSTEM).run();
            assertEquals(0, result.exitCode(), () -> name + ": " + result.failed());
            assertEquals("hello from " + name, result.outcomes().get(0).result());
        }
    }

    /**
     * In {@code results.groovy}, {@code results} is the file's own class (Groovy names a script after its file), so
     * {@code results.fetch} failed at run time with "unknown name 'fetch'"; the file is refused where it reads the
     * name, and a file of such a name that does not read it loads.
     */
    @Test
    void aJobFileNamedAfterANameTheDslGivesIsRefusedWhereItReadsThatName(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path results = dir.resolve("results.groovy");
        java.nio.file.Files.writeString(results, "task 'a', { 1 }\ntask 'b', after: 'a', { results.a + 1 }\n");
        LoadedJob refused = io.jobrun.dsl.Loading.load(results, results.toString(), Map.of());
        assertEquals(List.of(results + ":2:25: in a file named results.groovy, 'results' is the file's own class, not"
                + " the job's results: rename the file (results-job.groovy, say)"),
                refused.problems().stream().map(Object::toString).toList());
        Path params = dir.resolve("params.groovy");
        java.nio.file.Files.writeString(params, "task 'a', { 1 }\n");
        assertEquals(List.of(), io.jobrun.dsl.Loading.load(params, params.toString(), Map.of()).problems());
    }

    @Test
    void optionsInAMapGivenAfterTheNameAreTheTasksOptions(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("shared.groovy");
        java.nio.file.Files.writeString(file, """
                executor 'io', threads(2)
                def defaults = [on: 'io', retries: 2]
                task('x') { 1 }
                task('one', defaults + [after: 'x']) { 2 }
                task('two', defaults, shell('echo two'))
                map('three', defaults + [over: [1, 2]]) { it * 2 }
                map('four', defaults + [over: [1, 2]], shell('echo ${item}'))
                """);
        LoadedJob loaded = io.jobrun.dsl.Loading.load(file, file.toString(), Map.of());
        assertEquals(List.of(), loaded.problems());
        for (String name : List.of("one", "two", "three", "four")) {
            TaskSpec task = loaded.job().task(name);
            assertEquals("io", task.executor(), name);
            assertEquals(2, task.retry().count(), name);
        }
        assertEquals(List.of("x"), loaded.job().task("one").after());
        assertTrue(loaded.job().task("four").over() != null, "four fans out");
    }
}
