package io.jobrun.dsl.groovy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.dsl.Loading;
import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.job.JobFront;
import io.jobrun.job.JobText;
import io.jobrun.job.LoadedJob;
import io.jobrun.job.TaskBody;
import io.jobrun.run.Interpreter;
import io.jobrun.run.RunResult;
import io.jobrun.run.Ticker;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unchanged Groovy job file is compiled once: later runs define its classes from the cache, and a change to the
 * file or to the jobrun build compiles it again. Counts compiles, never milliseconds.
 */
class CompiledFileCacheTests {
    private static final String JOB = """
            executor 'pool', threads(2)
            int twice(int n) { 2 * n }
            task 'hi', on: 'pool', { 'hello' }
            task('double', on: 'pool') { twice(21) }.then('more') { n -> n + 1 }
            """;

    @TempDir
    Path directory;

    private LoadedJob load(CompiledFileCache cache, Path file) throws Exception {
        GroovyJobLoader front = new GroovyJobLoader(cache);
        LoadedJob loaded = front.load(new JobFront.Request(JobText.read(file, file.getFileName().toString()),
                Map.of(), Loading.STANDARD, new PrintStream(OutputStream.nullOutputStream())));
        assertEquals(List.of(), loaded.problems());
        return loaded;
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(directory.resolve(name), text);
    }

    private static Object result(RunResult result, String task) {
        return result.outcomes().stream().filter(o -> o.task().name().equals(task)).findFirst().orElseThrow()
                .result();
    }

    @Test
    void unchangedFileIsCompiledOnceAndItsKeptClassesRunTheSame() throws Exception {
        CompiledFileCache cache = new CompiledFileCache(directory.resolve("cache"), "build-1");
        Path file = write("kept.groovy", JOB);
        int before = GroovyJobReader.compilations();

        load(cache, file);
        LoadedJob second = load(cache, file);
        LoadedJob third = load(cache, file);

        assertEquals(1, GroovyJobReader.compilations() - before, "compiles of an unchanged file");
        assertEquals(second.job().tasks().size(), third.job().tasks().size());
        RunResult run = new Interpreter(third.job(), ExecutorRegistry.STANDARD, Ticker.SYSTEM).run();
        assertEquals(0, run.exitCode());
        assertEquals("hello", result(run, "hi"));
        assertEquals(43, result(run, "more"));
        TaskBody.Code body = (TaskBody.Code) third.job().task("hi").body();
        WorkerClosure.Setup setup = (WorkerClosure.Setup) body.code().workerSetup();
        assertTrue(setup.classes().containsKey(setup.scriptClassName()), "worker processes get the kept classes too");
    }

    @Test
    void changedFileIsCompiledAgain() throws Exception {
        CompiledFileCache cache = new CompiledFileCache(directory.resolve("cache"), "build-1");
        Path file = write("changing.groovy", JOB);
        int before = GroovyJobReader.compilations();

        load(cache, file);
        write("changing.groovy", JOB + "task 'bye', { 'bye' }\n");
        LoadedJob changed = load(cache, file);

        assertEquals(2, GroovyJobReader.compilations() - before);
        assertNotNull(changed.job().task("bye"), "the changed file's new task");
    }

    @Test
    void anotherJobrunBuildCompilesAgain() throws Exception {
        Path file = write("rebuilt.groovy", JOB);
        int before = GroovyJobReader.compilations();

        load(new CompiledFileCache(directory.resolve("cache"), "build-1"), file);
        load(new CompiledFileCache(directory.resolve("cache"), "build-2"), file);
        load(new CompiledFileCache(directory.resolve("cache"), "build-2"), file);

        assertEquals(2, GroovyJobReader.compilations() - before);
    }

    @Test
    void fileWithProblemsIsNotKeptAndReportsThemEveryTime() throws Exception {
        CompiledFileCache cache = new CompiledFileCache(directory.resolve("cache"), "build-1");
        Path file = write("typo.groovy", "task 'hi', tiemout: '1s', { 'hello' }\n");
        int before = GroovyJobReader.compilations();

        for (int i = 0; i < 2; i++) {
            LoadedJob loaded = new GroovyJobLoader(cache).load(new JobFront.Request(JobText.read(file, "typo.groovy"),
                    Map.of(), Loading.STANDARD, new PrintStream(OutputStream.nullOutputStream())));
            assertTrue(loaded.problems().toString().contains("tiemout"), loaded.problems()::toString);
        }
        assertEquals(2, GroovyJobReader.compilations() - before);
        try (Stream<Path> kept = Files.list(directory)) {
            assertTrue(kept.noneMatch(path -> path.getFileName().toString().equals("cache")
                    && path.toFile().list().length > 0), "nothing kept for a file with problems");
        }
    }

    @Test
    void damagedEntryIsCompiledAgainAndReplaced() throws Exception {
        CompiledFileCache cache = new CompiledFileCache(directory.resolve("cache"), "build-1");
        Path file = write("damaged.groovy", JOB);
        int before = GroovyJobReader.compilations();
        load(cache, file);
        try (Stream<Path> entries = Files.list(directory.resolve("cache"))) {
            for (Path entry : entries.toList()) {
                Files.write(entry, new byte[] {0, 0, 0, 1, 0, 3, 'a', 'b'});
            }
        }

        load(cache, file);
        load(cache, file);

        assertEquals(2, GroovyJobReader.compilations() - before, "the damaged entry is replaced by the recompile");
    }
}
