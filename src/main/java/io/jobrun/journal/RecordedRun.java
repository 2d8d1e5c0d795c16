package io.jobrun.journal;

import io.jobrun.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run as its journal recorded it, read back: its first line, each instance's last recorded end, the instances that
 * started and never ended (they were running when it stopped), and its end, if it got there. A last line without
 * its newline was torn by a crash and is ignored; so is a line of another format version.
 */
public final class RecordedRun {
    /** One instance's end, as recorded; {@code why} it was reused or ran, when its run resumed another. */
    public record Ended(String id, String task, String status, int attempts, long ms, String key,
                        Map<String, String> parts, String notReusable, Object storedResult, String resultFile,
                        String resultSha256, String notStorable, String error, String why) {
        /** Whether it ended with a result a resume may use: ok or cached, and storable. */
        public boolean reusable() {
            return succeeded() && key != null && notStorable == null;
        }

        private boolean succeeded() {
            return status.equals("ok") || status.equals("cached");
        }

        /**
         * The SHA-256 of the result's canonical JSON, or null when it has none; an inline result's is worked out from
         * it (it is written canonical), only a result in a file of its own has it written beside.
         */
        @Override
        public String resultSha256() {
            if (resultSha256 != null || !succeeded() || notStorable != null || resultFile != null) {
                return resultSha256;
            }
            return Digests.sha256(Json.canonical(storedResult));
        }
    }

    /** A child process the run started: a shell tree or a worker JVM. */
    public record Child(long pid, String started, String what) {
    }

    private final Path file;
    private final List<Child> children;
    private final Map<String, Object> header;
    /** By instance id, in the order they ended. */
    private final Map<String, Ended> ended;
    /** Ids of instances that started and have no end; with their display names. */
    private final Map<String, String> unfinished;
    private final Map<String, Object> done;
    private final int skippedLines;

    private RecordedRun(Path file, Map<String, Object> header, Map<String, Ended> ended, Map<String, String> unfinished,
                        Map<String, Object> done, int skippedLines, List<Child> children) {
        this.file = file;
        this.children = children;
        this.header = header;
        this.ended = ended;
        this.unfinished = unfinished;
        this.done = done;
        this.skippedLines = skippedLines;
    }

    /**
     * Reads the journal at {@code file}, a line at a time and a field at a time: no map is made per line.
     *
     * @throws OlderFormat when the journal was written in another format version
     */
    public static RecordedRun read(Path file) throws IOException {
        JournalLines reading = new JournalLines();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        // NOTE: what follows the last newline is a line torn by a crash: never used.
        int end = text.lastIndexOf('\n') + 1;
        for (int start = 0; start < end; ) {
            int next = text.indexOf('\n', start);
            reading.line(text, start, next);
            start = next + 1;
        }
        if (reading.version != null && reading.version != Journal.VERSION) {
            throw new OlderFormat(file, reading.version);
        }
        return new RecordedRun(file, reading.header, reading.ended, reading.started, reading.done, reading.skipped,
                reading.children);
    }

    /** A journal of another format version, which this jobrun does not read. */
    public static final class OlderFormat extends IOException {
        private final int version;

        OlderFormat(Path file, int version) {
            super(file + " was written by " + describe(version));
            this.version = version;
        }

        /** "an older jobrun (journal format 2; this one reads format 3)". */
        public static String describe(int version) {
            return (version < Journal.VERSION ? "an older" : "a newer") + " jobrun (journal format " + version
                    + "; this one reads format " + Journal.VERSION + ")";
        }

        public int version() {
            return version;
        }
    }

    public Path file() {
        return file;
    }

    /** The run's id, from its first line, or from its file's name when that line is missing. */
    public String id() {
        Object id = header.get("run");
        if (id != null) {
            return (String) id;
        }
        String name = file.getFileName().toString();
        return name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
    }

    /** A field of the run's first line ("job", "jobSha256", "pid", "pidStarted", "t"), or null. */
    public Object header(String field) {
        return header.get(field);
    }

    /** Each instance's last end, by instance id, in the order they ended. */
    public Map<String, Ended> ended() {
        return Collections.unmodifiableMap(ended);
    }

    /** The instances that started and never ended: ids and display names. */
    public Map<String, String> unfinished() {
        return Collections.unmodifiableMap(unfinished);
    }

    /** The shell trees and worker JVMs it started, as recorded. */
    public List<Child> children() {
        return children;
    }

    /** Whether the run reached its end (a {@code done} line). */
    public boolean finished() {
        return done != null;
    }

    /** Its exit code, or null when it did not reach its end. */
    public Integer exitCode() {
        return done == null ? null : ((Number) done.get("exit")).intValue();
    }

    /** Lines that could not be used: malformed, or of another format version. */
    public int skippedLines() {
        return skippedLines;
    }

    /** The ids whose display names match, for {@code --rerun} and {@code --mark-ok}. */
    public Set<String> idsNamed(java.util.function.Predicate<String> name) {
        Set<String> ids = new LinkedHashSet<>();
        ended.values().forEach(e -> {
            if (name.test(e.task())) {
                ids.add(e.id());
            }
        });
        unfinished.forEach((id, task) -> {
            if (name.test(task)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The result that {@code ended} recorded, as the task returned it. */
    public Object result(Ended one, JournalStore store) throws IOException {
        Object stored = one.resultFile() == null ? one.storedResult()
                : Json.read(ResultFiles.read(store.resultsDirectory(), one.resultFile()));
        return StoredValues.decode(stored);
    }

    /** Every end, oldest first. */
    public List<Ended> all() {
        return new ArrayList<>(ended.values());
    }
}
