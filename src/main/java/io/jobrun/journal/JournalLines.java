package io.jobrun.journal;

import io.jobrun.json.Json;
import io.jobrun.json.JsonReader;
import io.jobrun.run.InstanceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the lines of one journal said, read a line at a time and a field at a time ({@link RecordedRun#read}): no map
 * is made per line, only for the few lines that are read whole (the run's first and last).
 */
final class JournalLines {

    Map<String, Object> header = Map.of();
    Integer version;
    final Map<String, RecordedRun.Ended> ended = new LinkedHashMap<>();
    final Map<String, String> started = new LinkedHashMap<>();
    final Map<Integer, Map<String, String>> parts = new HashMap<>();
    /** The number of the newest parts line of each spec: what an end of it without a number refers to. */
    private final Map<String, Integer> newestParts = new HashMap<>();
    Map<String, Object> done;
    final List<RecordedRun.Child> children = new ArrayList<>();
    int skipped;

    void line(String text, int start, int end) {
        try {
            JsonReader line = new JsonReader(text, start, end);
            line.beginObject();
            String first = line.hasNext() ? line.nextName() : "";
            if (!first.equals("ev")) {
                // NOTE: format 1 began every line with its version; such a journal is refused as a whole.
                if (first.equals("v") && version == null) {
                    version = line.nextInt();
                }
                skipped++;
                return;
            }
            String kind = line.nextString();
            if (kind.equals("run") || kind.equals("done")) {
                Map<String, Object> fields = fields(line);
                fields.put("ev", kind);
                if (kind.equals("run")) {
                    header = fields;
                    version = fields.get("v") instanceof Integer v ? v : -1;
                } else {
                    done = fields;
                }
                return;
            }
            if (version == null || version != Journal.VERSION) {
                skipped++;
                return;
            }
            switch (kind) {
                case "end" -> {
                    RecordedRun.Ended one = ended(line);
                    ended.remove(one.id());
                    ended.put(one.id(), one);
                    started.remove(one.id());
                }
                case "start" -> start(line);
                case "parts" -> parts(line);
                case "proc" -> children.add(child(line));
                default -> {
                    // attempt lines and later kinds: not needed to resume
                }
            }
        } catch (Json.MalformedException | ClassCastException e) {
            skipped++;
        }
    }

    private static Map<String, Object> fields(JsonReader line) {
        Map<String, Object> fields = new LinkedHashMap<>();
        while (line.hasNext()) {
            fields.put(line.nextName(), Json.value(line, Json.Numbers.PLAIN));
        }
        return fields;
    }

    private void start(JsonReader line) {
        String id = null;
        String task = null;
        while (line.hasNext()) {
            switch (line.nextName()) {
                case "id" -> id = line.nextString();
                case "task" -> task = line.nextString();
                default -> line.skipValue();
            }
        }
        if (id != null && !ended.containsKey(id)) {
            started.put(id, task == null ? DefaultNames.of(id) : task);
        }
    }

    @SuppressWarnings("unchecked")
    private void parts(JsonReader line) {
        Integer number = null;
        String task = null;
        Map<String, String> map = Map.of();
        while (line.hasNext()) {
            switch (line.nextName()) {
                case "n" -> number = line.nextInt();
                case "task" -> task = line.nextString();
                case "parts" -> map = (Map<String, String>) (Map<?, ?>) Json.value(line, Json.Numbers.PLAIN);
                default -> line.skipValue();
            }
        }
        parts.put(number, map);
        if (task != null) {
            newestParts.put(task, number);
        }
    }

    private static RecordedRun.Child child(JsonReader line) {
        long pid = 0;
        String started = null;
        String what = null;
        while (line.hasNext()) {
            switch (line.nextName()) {
                case "pid" -> pid = line.nextLong();
                case "started" -> started = line.nextStringOrNull();
                case "what" -> what = line.nextStringOrNull();
                default -> line.skipValue();
            }
        }
        return new RecordedRun.Child(pid, started, what);
    }

    private RecordedRun.Ended ended(JsonReader line) {
        String id = null;
        String task = null;
        // NOTE: what an end leaves out when it is so: its name the id's, status ok, one attempt, and (when keyed) its
        // parts' number, which is then its spec's newest
        String status = "ok";
        int attempts = 1;
        long ms = 0;
        String key = null;
        Map<String, String> keyParts = null;
        boolean keyed = false;
        String notReusable = null;
        Object result = null;
        String resultFile = null;
        String resultSha256 = null;
        String notStorable = null;
        String error = null;
        String why = null;
        while (line.hasNext()) {
            switch (line.nextName()) {
                case "id" -> id = line.nextString();
                case "task" -> task = line.nextString();
                case "status" -> status = line.nextString();
                case "attempts" -> attempts = line.nextInt();
                case "ms" -> ms = line.nextLong();
                case "key" -> {
                    key = line.nextStringOrNull();
                    keyed = true;
                }
                case "parts" -> keyParts = parts.getOrDefault(line.nextInt(), Map.of());
                case "notReusable" -> notReusable = line.nextStringOrNull();
                case "result" -> result = Json.value(line, Json.Numbers.PLAIN);
                case "resultFile" -> resultFile = line.nextStringOrNull();
                case "resultSha256" -> resultSha256 = line.nextStringOrNull();
                case "notStorable" -> notStorable = line.nextStringOrNull();
                case "error" -> error = errorMessage(line);
                case "why" -> why = line.nextStringOrNull();
                default -> line.skipValue();
            }
        }
        if (id == null) {
            throw new Json.MalformedException("an end without its id");
        }
        if (task == null) {
            task = DefaultNames.of(id);
        }
        if (keyParts == null) {
            keyParts = keyed ? newestParts(id) : Map.of();
        }
        return new RecordedRun.Ended(id, task, status, attempts, ms, key, keyParts, notReusable, result, resultFile,
                resultSha256, notStorable, error, why);
    }

    /** The parts of the newest parts line of the spec of {@code id} (whose name then has no '#'). */
    private Map<String, String> newestParts(String id) {
        Integer newest = newestParts.get(InstanceId.specOf(id));
        return newest == null ? Map.of() : parts.getOrDefault(newest, Map.of());
    }

    private static String errorMessage(JsonReader line) {
        Object error = Json.value(line, Json.Numbers.PLAIN);
        return error instanceof Map<?, ?> map ? String.valueOf(map.get("message")) : null;
    }
}
