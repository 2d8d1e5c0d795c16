package io.jobrun.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

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

    /**
     * What goes before bin/jobrun to run it as a terminal's foreground job: in a session (so a process group) of its
     * own, so that {@link #signalGroup} reaches jobrun and whatever shares its group, as a terminal's Ctrl-C does,
     * and never this test JVM; and with the stop signals' default dispositions ({@link #withDefaultStopSignals}).
     * Skips the test, saying why, where neither can be arranged.
     */
    static List<String> asATerminalRunsIt() {
        Assumptions.assumeTrue(Files.isExecutable(SETSID), "no " + SETSID + " to give jobrun a session of its own");
        List<String> prefix = new ArrayList<>(withDefaultStopSignals());
        prefix.add(SETSID.toString());
        return prefix;
    }

    /**
     * What goes before bin/jobrun so that it starts with SIGINT's, SIGTERM's and SIGHUP's default dispositions. A test
     * JVM started from a script, nohup or a CI runner that ignores one of them would otherwise pass that on (an
     * ignored signal stays ignored across exec, and jobrun keeps a signal ignored at its start ignored, as it
     * should), and a test sending it would wait for an exit that never comes. Skips the test where it cannot be
     * arranged.
     */
    static List<String> withDefaultStopSignals() {
        if (ENV_RESETS_SIGNALS) {
            return List.of("env", "--default-signal=INT,TERM,HUP");
        }
        Assumptions.assumeFalse(stopSignalIgnoredHere(), "SIGINT, SIGTERM or SIGHUP is ignored in this test JVM"
                + " (started from a script or CI runner that ignores it) and this system's env has no"
                + " --default-signal to restore it for jobrun");
        return List.of();
    }

    /** Sends {@code signal} ("INT", "TERM", "HUP", "KILL") to jobrun alone. */
    void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(pid())).inheritIO().start().waitFor();
    }

    /** Sends {@code signal} to jobrun's whole process group, as a terminal does; needs {@link #asATerminalRunsIt}. */
    void signalGroup(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, "--", "-" + pid()).inheritIO().start().waitFor();
    }

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final boolean ENV_RESETS_SIGNALS = envResetsSignals();

    private static boolean envResetsSignals() {
        try {
            Process env = new ProcessBuilder("env", "--default-signal=INT,TERM,HUP", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return env.waitFor(30, TimeUnit.SECONDS) && env.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether this JVM ignores SIGHUP, SIGINT or SIGTERM: bits 0, 1 and 14 of SigIgn in /proc/self/status. */
    private static boolean stopSignalIgnoredHere() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L | 1L << 1 | 1L << 14)) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: assume the usual disposition
        }
        return false;
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
