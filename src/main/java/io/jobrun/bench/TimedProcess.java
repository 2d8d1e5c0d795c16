package io.jobrun.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Times whole processes, as a user waits for them: {@code bin/jobrun} started afresh, or CPython. */
final class TimedProcess {
    private static final long RUN_LIMIT_SECONDS = 600;

    private TimedProcess() {
    }

    /**
     * The wall time of one run of {@code command} in {@code dir}, with {@code environment} added, which must succeed;
     * as {@code bin/jobrun} starts for a user (not from the benchmark's own class path).
     */
    static long time(Path dir, List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().remove("JOBRUN_CLASSPATH");
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        byte[] errors = process.getErrorStream().readAllBytes();
        if (!process.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in " + RUN_LIMIT_SECONDS + " s");
        }
        long elapsed = System.nanoTime() - start;
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue() + ":\n"
                    + new String(errors, StandardCharsets.UTF_8));
        }
        return elapsed;
    }
}
