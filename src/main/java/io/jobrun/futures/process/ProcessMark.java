package io.jobrun.futures.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Marks a process and everything it starts, so that all of them can be found and killed later, also those that left
 * its process group and session ({@code setsid}) and were re-parented to init, out of reach of
 * {@link ProcessHandle#descendants()} and of a process-group kill.
 *
 * <p>The mark is an environment variable of its own, {@code JOBRUN_PROCESS_MARK_<token>=1}, with a random 128-bit
 * token; children inherit it, and marks nest (a process started under two marks carries both). On Linux every
 * process whose {@code /proc/PID/environ} holds it is found: readable for this user's processes, and a zombie's reads
 * empty, so only live ones are found. Unprivileged, and it needs no cgroup, no subreaper and no native call.
 *
 * <p>Limits: a process that clears its environment (such as {@code env -i}) loses the mark; where there is no
 * {@code /proc} (macOS, Windows) {@link #supported()} is false and nothing is found.
 *
 * <p>Use: {@code mark.applyTo(builder)} before starting the process; to stop it, kill the process tree as usual, then
 * {@link #killAll()} for whatever escaped it.
 */
public final class ProcessMark {
    /** Every mark's variable starts with this; the token follows. */
    public static final String VARIABLE_PREFIX = "JOBRUN_PROCESS_MARK_";
    private static final Path PROC = Path.of("/proc");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long {@link #killAll()} keeps killing before it reports what is still alive. */
    private static final long PATIENCE_NANOS = 5_000_000_000L;
    private static final long ROUND_PAUSE_NANOS = 5_000_000;

    private final String token;
    /** {@code NAME=1}, an entry of /proc/PID/environ, where each entry ends with a NUL. */
    private final byte[] entry;

    private ProcessMark(String token) {
        if (!token.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("a process mark's token is 32 hex digits, got '" + token + "'");
        }
        this.token = token;
        this.entry = (variable() + "=1").getBytes(StandardCharsets.US_ASCII);
    }

    /** A new mark, unlike any other. */
    public static ProcessMark create() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new ProcessMark(HexFormat.of().formatHex(bytes));
    }

    /** The mark of this token, as {@link #token()} gave it (to another process, say). */
    public static ProcessMark of(String token) {
        return new ProcessMark(token);
    }

    /** Whether this system lets marked processes be found (a Linux /proc). */
    public static boolean supported() {
        return Files.isReadable(PROC.resolve("self").resolve("environ"));
    }

    public String token() {
        return token;
    }

    /** The environment variable that carries the mark. */
    public String variable() {
        return VARIABLE_PREFIX + token;
    }

    /** Marks the process {@code builder} will start, and so everything that process starts. */
    public void applyTo(ProcessBuilder builder) {
        builder.environment().put(variable(), "1");
    }

    /** The live processes that bear the mark, this JVM excepted; empty where {@link #supported()} is false. */
    public List<ProcessHandle> find() {
        List<ProcessHandle> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, ProcessMark::isPidDirectory)) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                if (!bearsMark(process)) {
                    continue;
                }
                // NOTE: the handle records the process's start time, and the mark is read again after it, so a pid
                // reused in between is not the process a later destroy reaches.
                Optional<ProcessHandle> handle = ProcessHandle.of(pid);
                if (handle.isPresent() && bearsMark(process) && handle.get().isAlive()) {
                    found.add(handle.get());
                }
            }
        } catch (IOException | RuntimeException noProc) {
            // no /proc (or it vanished): nothing can be found, which supported() tells
        }
        return found;
    }

    /**
     * Kills every live process that bears the mark, in rounds, since one may start another until it is killed
     * itself; SIGKILL leaves a process no chance to start more, so the rounds end.
     *
     * @return the processes still alive after 5 seconds of this (not this user's, or stuck in the kernel): escaped;
     *         empty when everything marked is gone
     */
    public List<ProcessHandle> killAll() {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (true) {
            List<ProcessHandle> alive = find();
            if (alive.isEmpty() || System.nanoTime() - deadline > 0) {
                return alive;
            }
            for (ProcessHandle process : alive) {
                process.destroyForcibly();
            }
            LockSupport.parkNanos(ROUND_PAUSE_NANOS); // lets the kernel turn the killed into zombies
        }
    }

    /** "1 process it started survived being killed: pid 123 (sleep)", for a message about {@code survivors}. */
    public static String describeSurvivors(List<ProcessHandle> survivors) {
        return count(survivors) + " it started survived being killed:" + name(survivors);
    }

    /** "2 processes", "1 process". */
    public static String count(List<ProcessHandle> processes) {
        return processes.size() + (processes.size() == 1 ? " process" : " processes");
    }

    /** " pid 123 (sleep) pid 456", to follow a colon. */
    public static String name(List<ProcessHandle> processes) {
        StringBuilder text = new StringBuilder();
        for (ProcessHandle process : processes) {
            text.append(" pid ").append(process.pid());
            process.info().command().ifPresent(command -> text.append(" (").append(Path.of(command).getFileName())
                    .append(')'));
        }
        return text.toString();
    }

    private boolean bearsMark(Path process) {
        byte[] environment;
        try {
            environment = Files.readAllBytes(process.resolve("environ"));
        } catch (IOException goneOrNotOurs) {
            return false;
        }
        for (int start = 0; start + entry.length <= environment.length; ) {
            if (matchesAt(environment, start)) {
                return true;
            }
            int end = indexOf(environment, (byte) 0, start);
            if (end < 0) {
                return false;
            }
            start = end + 1;
        }
        return false;
    }

    /** Whether the entry that begins at {@code start} is the mark, whole (not a prefix of a longer entry). */
    private boolean matchesAt(byte[] environment, int start) {
        for (int i = 0; i < entry.length; i++) {
            if (environment[start + i] != entry[i]) {
                return false;
            }
        }
        int end = start + entry.length;
        return end == environment.length || environment[end] == 0;
    }

    private static int indexOf(byte[] bytes, byte value, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isPidDirectory(Path path) {
        String name = path.getFileName().toString();
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return variable();
    }
}
