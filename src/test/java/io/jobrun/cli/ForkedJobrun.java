package io.jobrun.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/jobrun} in a process of its own, run from this build's class path, its stdout and stderr in files of
 * {@code dir}: for what only a real process shows (a small heap, signals, kill -9).
 */
final class ForkedJobrun {
    private final Process process;
    private final Path dir;

    private ForkedJobrun(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /**
     * Starts {@code bin/jobrun args} with {@code env} added to this JVM's environment ({@code JOBRUN_JAVA_OPTS} for
     * JVM options); {@code prefix} goes before bin/jobrun on the command line (a wrapper such as {@code setsid}).
     */
    static ForkedJobrun start(Path dir, Map<String, String> env, List<String> prefix, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add("bin/jobrun");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile()).redirectInput(ProcessBuilder.Redirect.from(
                        Path.of("/dev/null").toFile()));
        builder.environment().put("JOBRUN_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().putAll(env);
        return new ForkedJobrun(builder.start(), dir);
    }

    static ForkedJobrun start(Path dir, Map<String, String> env, String... args) throws IOException {
        return start(dir, env, List.of(), args);
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the exit; the caller's test timeout guards against a hang. */
    int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /** Whether it exited within {@code seconds}. */
    boolean awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    String stdout() {
        return read("stdout");
    }

    String stderr() {
        return read("stderr");
    }

    /** Kills it if it still runs, at the end of a test. */
    void destroy() {
        process.destroyForcibly();
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
