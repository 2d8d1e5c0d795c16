package io.jobrun.journal;

import io.jobrun.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
            return (status.equals("ok") || status.equals("cached")) && key != null && notStorable == null;
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

    /** Reads the journal at {@code file}. */
    public static RecordedRun read(Path file) throws IOException {
        Map<String, Object> header = Map.of();
        Map<String, Ended> ended = new LinkedHashMap<>();
        Map<String, String> started = new LinkedHashMap<>();
        Map<String, Object> done = null;
        List<Child> children = new ArrayList<>();
        int skipped = 0;
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n') + 1;
        // NOTE: what follows the last newline is a line torn by a crash: never used.
        try (BufferedReader lines = new BufferedReader(new java.io.StringReader(text.substring(0, end)))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Map<String, Object> fields;
                try {
                    fields = Json.read(line) instanceof Map<?, ?> map ? cast(map) : null;
                } catch (Json.MalformedException e) {
                    fields = null;
                }
                if (fields == null || !Integer.valueOf(Journal.VERSION).equals(fields.get("v"))) {
                    skipped++;
                    continue;
                }
                switch (String.valueOf(fields.get("ev"))) {
                    case "run" -> header = fields;
                    case "start" -> started.put((String) fields.get("id"), (String) fields.get("task"));
                    case "end" -> {
                        Ended one = ended(fields);
                        ended.remove(one.id());
                        ended.put(one.id(), one);
                        started.remove(one.id());
                    }
                    case "done" -> done = fields;
                    case "proc" -> children.add(new Child(((Number) fields.get("pid")).longValue(),
                            (String) fields.get("started"), (String) fields.get("what")));
                    default -> {
                        // attempt lines and later kinds: not needed to resume
                    }
                }
            }
        }
        return new RecordedRun(file, header, ended, started, done, skipped, children);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static Ended ended(Map<String, Object> f) {
        Map<String, String> parts = f.get("parts") instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
        Object error = f.get("error");
        return new Ended((String) f.get("id"), (String) f.get("task"), (String) f.get("status"),
                ((Number) f.getOrDefault("attempts", 0)).intValue(), ((Number) f.getOrDefault("ms", 0)).longValue(),
                (String) f.get("key"), parts, (String) f.get("notReusable"), f.get("result"),
                (String) f.get("resultFile"), (String) f.get("resultSha256"), (String) f.get("notStorable"),
                error instanceof Map<?, ?> e ? String.valueOf(e.get("message")) : null, (String) f.get("why"));
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
