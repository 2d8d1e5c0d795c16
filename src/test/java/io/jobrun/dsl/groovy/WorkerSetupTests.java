package io.jobrun.dsl.groovy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.job.LoadedJob;
import io.jobrun.job.TaskBody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a worker process receives to run a job file's closures: the class files compiled here, not the source. */
class WorkerSetupTests {
    @TempDir
    Path directory;

    @Test
    void workerDefinesTheJobFilesClassesFromTheClassFilesCompiledHere() throws Exception {
        Path file = Files.writeString(directory.resolve("setup.groovy"), """
                executor 'cpu', processes(1)
                int twice(int n) { 2 * n }
                task 'double', on: 'cpu', { twice(21) }
                """);
        LoadedJob loaded = io.jobrun.dsl.Loading.load(file, "setup.groovy", Map.of());
        TaskBody.Code body = (TaskBody.Code) loaded.job().task("double").body();
        WorkerClosure.Setup setup = (WorkerClosure.Setup) body.code().workerSetup();

        assertTrue(setup.classes().containsKey(setup.scriptClassName()), setup.classes().keySet()::toString);
        assertTrue(setup.classes().keySet().stream().anyMatch(name -> name.contains("closure")),
                "the task's closure class travels too: " + setup.classes().keySet());

        setup.initialize();
        Class<?> defined = Class.forName(setup.scriptClassName(), false,
                new CompiledClasses.DefiningLoader(JobScript.class.getClassLoader(), setup.classes()));
        assertInstanceOf(CompiledClasses.DefiningLoader.class, defined.getClassLoader());
        assertEquals(JobScript.class, defined.getSuperclass());
    }
}
