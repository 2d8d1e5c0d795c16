package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A trace file as a script reads it: the header names the fields, every line is one record of as many cells. */
public record TraceFile(List<String> header, List<Map<String, String>> lines) {
    /** The fields of Nextflow's trace that the trace has, first and in Nextflow's order. */
    public static final List<String> NEXTFLOW_FIELDS = List.of("task_id", "hash", "native_id", "name", "status",
            "exit", "attempt", "submit", "start", "complete", "duration", "realtime");

    public static TraceFile read(Path file) throws IOException {
        List<String> text = Files.readAllLines(file);
        List<String> header = List.of(text.get(0).split("\t", -1));
        List<Map<String, String>> lines = new ArrayList<>();
        for (String line : text.subList(1, text.size())) {
            String[] cells = line.split("\t", -1);
            assertEquals(header.size(), cells.length, line);
            Map<String, String> record = new LinkedHashMap<>();
            for (int i = 0; i < cells.length; i++) {
                record.put(header.get(i), cells[i]);
            }
            lines.add(record);
        }
        return new TraceFile(header, lines);
    }

    /** The trace's word for a status of the JSON report: Nextflow's where it has one, else jobrun's in capitals. */
    public static String nextflowStatus(String word) {
        return switch (word) {
            case "ok" -> "COMPLETED";
            case "cancelled" -> "ABORTED";
            default -> word.toUpperCase(Locale.ROOT);
        };
    }
}
