package io.jobrun.report;

import io.jobrun.job.Job;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskSpec;
import io.jobrun.json.JsonWriter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --list} prints: each task with its kind, executor, what it runs after, its condition and its
 * description, and the
 * parameters the job takes with their values and types; as tables, or as JSON for shell completion and scripts
 * ({@code --list --json}), one task to a line.
 */
public final class TaskList {
    /** Where tasks without {@code on:} run. */
    private static final String DEFAULT_EXECUTOR = "default";

    private TaskList() {
    }

    /** One task as the list shows it. */
    record Row(String name, String kind, boolean fansOut, String executor, List<String> after, String when,
               String description) {
    }

    static List<Row> rows(Job job) {
        List<Row> rows = new ArrayList<>();
        for (TaskSpec task : job.tasks()) {
            rows.add(new Row(task.name(), kind(task.body()), task.fansOut(),
                    task.executor() == null ? DEFAULT_EXECUTOR : task.executor(), task.upstreams(),
                    task.when() == null ? null : task.when().shownText(), task.description()));
        }
        return rows;
    }

    /** "shell", "http", "code" (a Groovy closure), "script (python)", or a registered kind's name. */
    static String kind(TaskBody body) {
        return switch (body) {
            case TaskBody.Templated templated -> kind(templated.body());
            case TaskBody.Shell shell -> "shell";
            case TaskBody.Http http -> "http";
            case TaskBody.Code code -> "code";
            case TaskBody.Script script -> "script (" + script.language() + ")";
            case TaskBody.Custom custom -> custom.kind();
        };
    }

    public static void print(Job job, PrintStream out) {
        List<Row> rows = rows(job);
        // NOTE: the WHEN column only for a job with a condition: most have none, and it would stand empty
        boolean conditions = rows.stream().anyMatch(row -> row.when() != null);
        List<String[]> table = new ArrayList<>();
        table.add(conditions ? new String[] {"TASK", "KIND", "EXECUTOR", "AFTER", "WHEN", "DESCRIPTION"}
                : new String[] {"TASK", "KIND", "EXECUTOR", "AFTER", "DESCRIPTION"});
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(Text.printable(row.name()),
                    row.kind() + (row.fansOut() ? ", foreach" : ""), Text.printable(row.executor()),
                    Text.printable(String.join(", ", row.after()))));
            if (conditions) {
                cells.add(Text.printable(row.when() == null ? "" : row.when()));
            }
            cells.add(Text.printable(row.description() == null ? "" : row.description()));
            table.add(cells.toArray(String[]::new));
        }
        int[] widths = new int[table.get(0).length];
        for (String[] cells : table) {
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        }
        out.println(job.file() + (job.description() == null ? "" : ": " + Text.printable(job.description())));
        for (String[] cells : table) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < cells.length; i++) {
                line.append(Text.pad(cells[i], i == cells.length - 1 ? 0 : widths[i] + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        if (!job.declared().isEmpty()) {
            out.println("Parameters (-p NAME=VALUE):");
            List<String[]> params = new ArrayList<>();
            job.declared().forEach((name, type) -> params.add(new String[] {Text.printable(name),
                Text.printable(shown(job.params().get(name))), type.what()}));
            int nameWidth = params.stream().mapToInt(cells -> cells[0].length()).max().orElse(0);
            int valueWidth = params.stream().mapToInt(cells -> cells[1].length()).max().orElse(0);
            for (String[] cells : params) {
                out.println("  " + Text.pad(cells[0], nameWidth + 2) + Text.pad(cells[1], valueWidth + 2) + cells[2]);
            }
        }
        if (!job.defaultTasks().isEmpty()) {
            out.println("Default: " + Text.printable(String.join(" ", job.defaultTasks()))
                    + " (what runs when no task is named)");
        }
    }

    /**
     * {@code {"file": ..., "description": ..., "default": [...], "params": [...], "tasks": [...]}}, each parameter and
     * each task on a line of its own so that a completion script can read the names with sed.
     */
    public static void printJson(Job job, PrintStream out) {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"file\": ").append(string(job.file())).append(",\n");
        json.append("  \"description\": ").append(string(job.description())).append(",\n");
        json.append("  \"default\": ").append(strings(job.defaultTasks())).append(",\n");
        List<String> params = new ArrayList<>();
        job.declared().forEach((name, type) -> params.add("    {\"name\": " + string(name) + ", \"type\": "
                + string(type.name().toLowerCase(java.util.Locale.ROOT)) + ", \"value\": "
                + string(job.params().get(name)) + "}"));
        json.append("  \"params\": [").append(params.isEmpty() ? "" : "\n" + String.join(",\n", params) + "\n  ")
                .append("],\n");
        json.append("  \"tasks\": [");
        List<Row> rows = rows(job);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            json.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(string(row.name()))
                    .append(", \"kind\": ").append(string(row.kind()))
                    .append(", \"foreach\": ").append(row.fansOut())
                    .append(", \"executor\": ").append(string(row.executor()))
                    .append(", \"after\": ").append(strings(row.after()))
                    .append(", \"when\": ").append(string(row.when()))
                    .append(", \"description\": ").append(string(row.description())).append('}');
        }
        json.append(rows.isEmpty() ? "]\n" : "\n  ]\n").append("}");
        out.println(json);
    }

    /** A parameter's value as the list shows it: an empty one as two quotes, so that its column is not blank. */
    private static String shown(String value) {
        return value == null || value.isEmpty() ? "''" : value;
    }

    private static String strings(List<String> values) {
        List<String> quoted = new ArrayList<>();
        values.forEach(value -> quoted.add(string(value)));
        return "[" + String.join(", ", quoted) + "]";
    }

    /** A JSON string or null, control characters escaped: a name cannot break the one-task-a-line shape. */
    private static String string(String value) {
        return value == null ? "null" : JsonWriter.quote(value);
    }
}
