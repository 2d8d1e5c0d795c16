package io.jobrun.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Where journals live: {@code <root>/runs/<job file name>-<8 hex of its real path>/<run id>.jsonl}, results too large
 * for a line in {@code <root>/results/}. The root is {@code .jobrun} in the directory jobrun was started in, unless
 * {@code --journal DIR} moves it. Run ids start with the start time, so their names sort oldest first.
 */
public final class JournalStore {
    /** The root when none is given. */
    public static final Path DEFAULT_ROOT = Path.of(".jobrun");
    private static final String ENDING = ".jsonl";

    private final Path root;
    /** How each journal's file is written through: as it is, but in tests. */
    private final UnaryOperator<JournalSink> sinks;

    public JournalStore(Path root) {
        this(root, UnaryOperator.identity());
    }

    private JournalStore(Path root, UnaryOperator<JournalSink> sinks) {
        this.root = root;
        this.sinks = sinks;
    }

    /** This store, with each new journal written through {@code through} (a test's failing or watching sink). */
    public JournalStore writingThrough(UnaryOperator<JournalSink> through) {
        return new JournalStore(root, through);
    }

    /**
     * Opens a new journal file at {@code path}, locked, written through this store's sink, its lines made by
     * {@code maker}.
     */
    JournalFile createJournalFile(Path path, java.util.function.Consumer<String> onFailure, JournalFile.Maker maker)
            throws IOException {
        return JournalFile.create(path, onFailure, sinks, System::nanoTime, maker);
    }

    public Path root() {
        return root;
    }

    Path resultsDirectory() {
        return root.resolve("results");
    }

    /** The directory of {@code job}'s runs: the same for every way of naming the same file. */
    public Path jobDirectory(String job) {
        Path file = Path.of(job);
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            real = file.toAbsolutePath().normalize();
        }
        String name = file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return root.resolve("runs").resolve(name + "-" + Digests.sha256(real.toString()).substring(0, 8));
    }

    Path runFile(String job, String runId) {
        return jobDirectory(job).resolve(runId + ENDING);
    }

    /**
     * The store's own secret: 32 random bytes made once, that key the hashes of values a journal must not reveal
     * (HTTP headers). When it cannot be kept, a fresh one serves this run, whose such keys then never match.
     */
    public byte[] secret() {
        Path file = root.resolve("secret");
        try {
            if (Files.size(file) == 32) {
                return Files.readAllBytes(file);
            }
        } catch (IOException missing) {
            // made below
        }
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        try {
            Files.createDirectories(root);
            Path temporary = Files.createTempFile(root, "secret", ".tmp");
            Files.write(temporary, secret);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return Files.readAllBytes(file);
        } catch (IOException | UnsupportedOperationException e) {
            return secret;
        }
    }

    /**
     * A new run's id: "20261201T134002.123Z-4242", its start time in UTC and this process's id. NOTE: written digit by
     * digit, as a DateTimeFormatter's set-up costs every run's start 2 ms.
     */
    public static String newRunId(Instant now, long pid) {
        LocalDateTime time = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        StringBuilder id = new StringBuilder(32);
        digits(id, time.getYear(), 4);
        digits(id, time.getMonthValue(), 2);
        digits(id, time.getDayOfMonth(), 2);
        id.append('T');
        digits(id, time.getHour(), 2);
        digits(id, time.getMinute(), 2);
        digits(id, time.getSecond(), 2);
        id.append('.');
        digits(id, time.getNano() / 1_000_000, 3);
        return id.append("Z-").append(pid).toString();
    }

    private static void digits(StringBuilder to, int value, int width) {
        String text = Integer.toString(value);
        to.repeat('0', Math.max(0, width - text.length())).append(text);
    }

    /** The ids of {@code job}'s runs, oldest first. */
    public List<String> runs(String job) throws IOException {
        Path directory = jobDirectory(job);
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return ids;
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(ENDING)).sorted()
                    .forEach(n -> ids.add(n.substring(0, n.length() - ENDING.length())));
        }
        return ids;
    }

    /** The journals of every job in this store, oldest first within each job, jobs by directory name. */
    public List<Path> allJournals() throws IOException {
        List<Path> journals = new ArrayList<>();
        Path runs = root.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return journals;
        }
        try (Stream<Path> jobs = Files.list(runs)) {
            for (Path job : jobs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(job)) {
                    files.filter(f -> f.getFileName().toString().endsWith(ENDING)).sorted().forEach(journals::add);
                }
            }
        }
        return journals;
    }

    /** The id of the run that {@code journal} records: its file name without the ending. */
    public static String runId(Path journal) {
        String name = journal.getFileName().toString();
        return name.substring(0, name.length() - ENDING.length());
    }

    /** The journal of run {@code id} of {@code job}. */
    public Path journal(String job, String id) {
        return runFile(job, id);
    }

    /**
     * Whether the run that writes {@code journal} is alive: its file is locked. Meant for another process's journal:
     * NOTE: on POSIX systems closing any channel on a file drops every lock this process holds on it, so a run must
     * not ask this of its own journal.
     */
    public static boolean live(Path journal) {
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes all but the newest {@code keep} of one job's {@code journals} (oldest first), those of live runs
     * excepted; returns the ids deleted.
     */
    public List<String> clean(List<Path> journals, int keep) throws IOException {
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < journals.size() - keep; i++) {
            Path journal = journals.get(i);
            if (!live(journal)) {
                Files.deleteIfExists(journal);
                deleted.add(runId(journal));
            }
        }
        return deleted;
    }
}
