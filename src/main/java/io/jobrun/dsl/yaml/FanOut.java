package io.jobrun.dsl.yaml;

import io.jobrun.job.expr.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * {@code foreach:} read into the list of fan-out items while the file loads, as a Groovy job computes its list at its
 * top level: a list as written, {@code {glob: "jobs/data/*.log"}} (matching paths, sorted), or
 * {@code {lines: "urls.txt"}} (the file's non-blank lines). Paths are relative to the working directory.
 */
final class FanOut {
    static final List<String> KEYS = List.of("glob", "lines");

    private FanOut() {
    }

    /** The items, or an empty list after reporting a problem. */
    static List<Object> items(Node node, Binding binding) {
        List<Object> items = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            for (Node element : list.getValue()) {
                if (element instanceof ScalarNode scalar) {
                    items.add(Scalars.item(scalar));
                } else {
                    binding.problem(element, "foreach items must be single values (text or numbers), got "
                            + Scalars.describe(element));
                }
            }
            return items;
        }
        YamlMap map = YamlMap.of(node, "foreach", binding);
        if (map == null) {
            return items;
        }
        map.allowOnly(KEYS, "foreach key", binding);
        List<YamlMap.Entry> sources = map.entries().stream().filter(e -> KEYS.contains(e.key())).toList();
        if (sources.size() != 1) {
            binding.problem(node, "foreach needs a list, or exactly one of glob: or lines:, got "
                    + (sources.isEmpty() ? "neither" : "both"));
            return items;
        }
        YamlMap.Entry source = sources.get(0);
        String text = Scalars.text(source.value(), "foreach " + source.key(), binding);
        if (text == null) {
            return items;
        }
        String resolved = paramsOnly(text, (ScalarNode) source.value(), binding);
        if (resolved == null) {
            return items;
        }
        try {
            return source.key().equals("glob") ? glob(resolved) : lines(resolved);
        } catch (IOException e) {
            binding.problem(source.value(), "foreach " + source.key() + ": cannot read '" + resolved + "': "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
            return items;
        }
    }

    /** Renders {@code ${params.x}} now: a fan-out's items are known before the run. */
    private static String paramsOnly(String text, ScalarNode node, Binding binding) {
        Map<String, String> roots = new java.util.LinkedHashMap<>();
        roots.put("params", null);
        roots.put("item", "foreach is read before any task runs; only ${params.x} can be used here");
        roots.put("results", "foreach is read before any task runs; only ${params.x} can be used here");
        io.jobrun.job.Positions.Builder positions = new io.jobrun.job.Positions.Builder(binding.at(node));
        binding.record(positions, "source", node);
        List<io.jobrun.job.Problem> problems = io.jobrun.job.ExpressionCheck.check(text, positions.build(), "source",
                roots, binding.params);
        if (!problems.isEmpty()) {
            binding.problems.addAll(problems);
            return null;
        }
        return Template.parse(text).render(Map.of("params", binding.params));
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
        List<Object> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }
}
