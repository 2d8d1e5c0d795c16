package io.jobrun.run;

import io.jobrun.job.ItemSource;
import io.jobrun.job.JobScriptError;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.TaskSpec;
import io.jobrun.job.TextResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the items of a fan-out from its {@link ItemSource}: at once for written items, when ready for the rest. */
final class FanOutItems {
    private FanOutItems() {
    }

    /** Whether {@code spec}'s items are read when it becomes ready, rather than known from the job file. */
    static boolean readWhenReady(TaskSpec spec) {
        return spec.fansOut() && spec.over().readWhenReady();
    }

    /** The items written in the job file; empty for a task that does not fan out. */
    static List<Object> literal(TaskSpec spec) {
        return spec.over() instanceof ItemSource.Items written ? written.items() : List.of();
    }

    /**
     * Reads the items of {@code spec} now that it is ready.
     *
     * @param results what the task sees of the tasks it runs after, the one a {@code result} source names included
     * @throws ItemsUnreadable naming the source's place in the job file and what went wrong
     */
    static List<Object> read(TaskSpec spec, Map<String, Object> results) throws ItemsUnreadable {
        return switch (spec.over()) {
            case ItemSource.Items written -> written.items();
            case ItemSource.Glob glob -> {
                try {
                    yield glob(glob.pattern());
                } catch (IOException e) {
                    throw new ItemsUnreadable(glob.position(), "foreach glob: cannot read '" + glob.pattern() + "': "
                            + reason(e));
                }
            }
            case ItemSource.Lines lines -> {
                try {
                    yield lines(lines.file());
                } catch (IOException e) {
                    throw new ItemsUnreadable(lines.position(), "foreach lines: cannot read '" + lines.file() + "': "
                            + reason(e));
                }
            }
            case ItemSource.Result result -> list(result, results.get(result.task()));
        };
    }

    /** A fan-out's items could not be read when it became ready; the fan-out fails with this, at its source. */
    static final class ItemsUnreadable extends JobScriptError {
        ItemsUnreadable(SourcePosition position, String message) {
            super(position, message);
        }
    }

    private static String reason(IOException e) {
        return e instanceof NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
    }

    /**
     * The items a task's result gives: a list's elements, or a text's non-blank lines as {@code lines:} reads a file's
     * (a shell task's output, so {@code seq 1 10} or {@code ls} can feed a fan-out; an HTTP response's body).
     */
    private static List<Object> list(ItemSource.Result result, Object value) throws ItemsUnreadable {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (value instanceof Object[] array) {
            return new ArrayList<>(List.of(array));
        }
        if (value instanceof TextResult text) {
            return nonBlankLines(text.text());
        }
        if (value instanceof CharSequence text) {
            return nonBlankLines(text.toString());
        }
        throw new ItemsUnreadable(result.position(), "foreach result: task '" + result.task() + "' returned "
                + (value == null ? "null" : "a value of type " + value.getClass().getSimpleName())
                + ", neither a list nor text");
    }

    private static List<Object> glob(String pattern) throws IOException {
        // NOTE: walk from the longest directory prefix without wildcards, so "jobs/data/*.log" reads one directory.
        String normalized = pattern.startsWith("./") ? pattern.substring(2) : pattern;
        int wildcard = firstWildcard(normalized);
        int slash = normalized.lastIndexOf('/', wildcard < 0 ? normalized.length() : wildcard);
        Path base = Path.of(slash < 0 ? "." : normalized.substring(0, Math.max(slash, 1)));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + normalized);
        List<Object> matches = new ArrayList<>();
        if (!Files.isDirectory(base)) {
            return matches;
        }
        try (Stream<Path> paths = Files.walk(base)) {
            paths.filter(Files::isRegularFile)
                    .map(path -> slash < 0 ? base.relativize(path) : path)
                    .filter(matcher::matches)
                    .map(Path::toString)
                    .sorted()
                    .forEach(matches::add);
        }
        return matches;
    }

    private static int firstWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if ("*?[{".indexOf(pattern.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<Object> lines(String file) throws IOException {
        return nonBlankLines(Files.readString(Path.of(file), StandardCharsets.UTF_8));
    }

    /** Each line of {@code text} that holds more than blanks, without the blanks around it. */
    private static List<Object> nonBlankLines(String text) {
        List<Object> lines = new ArrayList<>();
        text.lines().filter(line -> !line.isBlank()).map(String::strip).forEach(lines::add);
        return lines;
    }
}
