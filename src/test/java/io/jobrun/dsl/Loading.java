package io.jobrun.dsl;

import io.jobrun.dsl.groovy.GroovyJobLoader;
import io.jobrun.dsl.yaml.YamlJobLoader;
import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.job.Kinds;
import io.jobrun.job.ExecutorKinds;
import io.jobrun.job.JobFront;
import io.jobrun.job.JobSource;
import io.jobrun.job.JobText;
import io.jobrun.job.LoadedJob;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import io.jobrun.task.TaskRegistry;
import java.util.Map;

/** Loads job files in tests the way the command line does: read once, then the front of the file's ending. */
public final class Loading {
    private static final PrintStream SINK = new PrintStream(OutputStream.nullOutputStream());

    private Loading() {
    }

    /** The kinds of this build. */
    public static final Kinds STANDARD = new Kinds(ExecutorRegistry.STANDARD, TaskRegistry.STANDARD);

    /** {@code file} with the standard kinds, its output discarded. */
    public static LoadedJob load(Path file, String name, Map<String, String> params) {
        return load(file, name, params, STANDARD);
    }

    /** {@code file} with these executor kinds and the standard task kinds. */
    public static LoadedJob load(Path file, String name, Map<String, String> params, ExecutorKinds executorKinds) {
        return load(file, name, params, new Kinds(executorKinds, TaskRegistry.STANDARD));
    }

    public static LoadedJob load(Path file, String name, Map<String, String> params, Kinds kinds) {
        JobFront front = name.endsWith(".groovy") ? new GroovyJobLoader() : new YamlJobLoader();
        try {
            return front.load(new JobFront.Request(JobText.read(file, name), params, kinds, SINK));
        } catch (JobSource.UnreadableException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
