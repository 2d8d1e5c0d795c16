package io.jobrun.dsl.yaml;

import io.jobrun.job.ExpressionCheck;
import io.jobrun.job.ItemSource;
import io.jobrun.job.Positions;
import io.jobrun.job.Problem;
import io.jobrun.job.expr.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * {@code foreach:} as the model's {@link ItemSource}: a list as written (values, or maps of values), every
 * combination of a {@code {matrix: {os: [linux, mac], py: [...]}}}, or a source read when the task becomes ready:
 * {@code {glob: "jobs/data/*.log"}} (matching paths, sorted), {@code {lines: "urls.txt"}} (the file's non-blank
 * lines), {@code {result: list-files}} (the list that task returned), or numbers counted as Python's {@code range}
 * does: {@code {range: [0, 50]}}, {@code {range: [0, 50, 5]}}. Paths are relative to the working directory;
 * {@code ${params.x}} in them is rendered here.
 */
final class FanOut {
    static final List<String> KEYS = List.of("glob", "lines", "result", "range", "matrix");

    private FanOut() {
    }

    /** The source, or an empty list after reporting a problem. */
    static ItemSource source(Node node, Binding binding) {
        List<Object> items = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            for (Node element : list.getValue()) {
                Object item = item(element, binding);
                if (item != null || element instanceof ScalarNode) {
                    items.add(item);
                }
            }
            return new ItemSource.Items(items);
        }
        if (!(node instanceof MappingNode)) {
            binding.problem(node, "foreach needs a list of items, [a, b], or one of {glob: ...}, {lines: ...},"
                    + " {result: ...}, {range: [...]} or {matrix: {...}}; got " + Scalars.describe(node));
            return new ItemSource.Items(items);
        }
        YamlMap map = YamlMap.of(node, "foreach", binding);
        if (map == null) {
            return new ItemSource.Items(items);
        }
        map.allowOnly(KEYS, "foreach key", binding);
        List<YamlMap.Entry> sources = map.entries().stream().filter(e -> KEYS.contains(e.key())).toList();
        if (sources.size() != 1) {
            binding.problem(node, "foreach needs a list, or exactly one of glob:, lines:, result:, range: or"
                    + " matrix:, got " + (sources.isEmpty() ? "none" : sources.size()));
            return new ItemSource.Items(items);
        }
        YamlMap.Entry source = sources.get(0);
        if (source.key().equals("range")) {
            return range(source.value(), binding);
        }
        if (source.key().equals("matrix")) {
            return matrix(source.value(), binding);
        }
        if (source.key().equals("result")) {
            String task = Scalars.name(source.value(), "foreach result", binding);
            return task == null ? new ItemSource.Items(items) : new ItemSource.Result(task, binding.at(source.value()));
        }
        String text = Scalars.text(source.value(), "foreach " + source.key(), binding);
        String resolved = text == null ? null : paramsOnly(text, (ScalarNode) source.value(), "a foreach path",
                binding);
        if (resolved == null || resolved.isBlank()) {
            if (resolved != null) {
                binding.problem(source.value(), "foreach " + source.key() + " needs a "
                        + (source.key().equals("glob") ? "pattern, e.g. jobs/data/*.txt" : "file name"));
            }
            return new ItemSource.Items(items);
        }
        return source.key().equals("glob") ? new ItemSource.Glob(resolved, binding.at(source.value()))
                : new ItemSource.Lines(resolved, binding.at(source.value()));
    }

    /**
     * One item of a list: a single value, or a map of them ({@code {os: linux, py: "3.11"}}, read in templates as
     * {@code ${item.os}}), as Groovy's items may be; null after a problem.
     */
    private static Object item(Node element, Binding binding) {
        if (element instanceof ScalarNode scalar) {
            return value(scalar, binding);
        }
        if (element instanceof MappingNode) {
            YamlMap map = YamlMap.of(element, "a foreach item", binding);
            Map<String, Object> values = new LinkedHashMap<>();
            boolean single = true;
            for (YamlMap.Entry entry : map.entries()) {
                if (entry.value() instanceof ScalarNode scalar) {
                    values.put(entry.key(), value(scalar, binding));
                } else {
                    single = false;
                    binding.problem(entry.value(), NOT_AN_ITEM + Scalars.describe(entry.value()));
                }
            }
            return single ? values : null;
        }
        binding.problem(element, NOT_AN_ITEM + Scalars.describe(element));
        return null;
    }

    /**
     * A single value of an item: {@code ${params.x}} in it is rendered now, as in a foreach path, since parameters
     * are known before the run (it was the text "${params.x}" itself, which no task could have meant).
     */
    private static Object value(ScalarNode scalar, Binding binding) {
        Object value = Scalars.item(scalar);
        if (value instanceof String text && Template.hasExpressions(text)) {
            return paramsOnly(text, scalar, "a foreach item", binding);
        }
        return value;
    }

    private static final String NOT_AN_ITEM = "foreach items are single values (text or numbers) or maps of them,"
            + " as { os: linux, py: \"3.11\" }; got ";

    /**
     * {@code matrix: {os: [linux, mac], py: ["3.11", "3.12"]}}: an item for every combination, a map from axis to
     * value, as a CI matrix.
     */
    private static ItemSource matrix(Node node, Binding binding) {
        ItemSource.Items none = new ItemSource.Items(List.of());
        YamlMap map = YamlMap.of(node, "foreach matrix", binding);
        if (map == null) {
            return none;
        }
        Map<String, List<Object>> axes = new LinkedHashMap<>();
        boolean ok = true;
        for (YamlMap.Entry axis : map.entries()) {
            if (!(axis.value() instanceof SequenceNode values)) {
                binding.problem(axis.value(), ItemSource.Items.axisNotAList(axis.key(),
                        Scalars.describe(axis.value())));
                ok = false;
                continue;
            }
            List<Object> list = new ArrayList<>();
            for (Node value : values.getValue()) {
                if (value instanceof ScalarNode scalar) {
                    list.add(value(scalar, binding));
                } else {
                    binding.problem(value, "matrix values are single values (text or numbers), got "
                            + Scalars.describe(value));
                    ok = false;
                }
            }
            axes.put(axis.key(), list);
        }
        if (!ok) {
            return none;
        }
        try {
            return ItemSource.Items.matrix(axes);
        } catch (io.jobrun.job.RuleException e) {
            YamlMap.Entry axis = map.entries().stream().filter(entry -> entry.key().equals(e.part())).findFirst()
                    .orElse(null);
            binding.problem(axis == null ? node : axis.value(), e.getMessage());
            return none;
        }
    }

    /** {@code range: [start, end]} or {@code [start, end, step]}: whole numbers, end exclusive. */
    private static ItemSource range(Node node, Binding binding) {
        ItemSource.Items none = new ItemSource.Items(List.of());
        if (!(node instanceof SequenceNode list) || list.getValue().size() < 2 || list.getValue().size() > 3) {
            binding.problem(node, "foreach range needs [start, end] or [start, end, step], e.g. [0, 50], got "
                    + Scalars.describe(node));
            return none;
        }
        String[] parts = {"start", "end", "step"};
        long[] bounds = {0, 0, 1};
        for (int i = 0; i < list.getValue().size(); i++) {
            Integer value = bound(list.getValue().get(i), "foreach range " + parts[i], binding);
            if (value == null) {
                return none;
            }
            bounds[i] = value;
        }
        try {
            return ItemSource.Items.range(bounds[0], bounds[1], bounds[2]);
        } catch (io.jobrun.job.RuleException e) {
            binding.problem(list.getValue().get(e.part().equals("step") ? Math.min(2, list.getValue().size() - 1)
                    : 1), e.getMessage());
            return none;
        }
    }

    /** A bound of a range: a whole number, or text of {@code ${params.x}} that renders to one ({@code -p n=8}). */
    private static Integer bound(Node node, String what, Binding binding) {
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.INT)
                || !Template.hasExpressions(scalar.getValue())) {
            return Scalars.wholeNumber(node, what, binding);
        }
        String rendered = paramsOnly(scalar.getValue(), scalar, "a foreach range", binding);
        if (rendered == null) {
            return null;
        }
        try {
            return Integer.parseInt(rendered.strip());
        } catch (NumberFormatException e) {
            binding.problem(node, what + " must be a whole number; " + scalar.getValue() + " is '" + rendered + "'");
            return null;
        }
    }

    /**
     * Renders {@code ${params.x}} now: parameters are known before the run, and nothing else may be used here.
     *
     * @param place what the text is, for the message when it uses more: "a foreach path"
     */
    private static String paramsOnly(String text, ScalarNode node, String place, Binding binding) {
        Map<String, String> roots = new java.util.LinkedHashMap<>();
        roots.put("params", null);
        String onlyParams = place + " may use ${params.x} only; use foreach: {result: task} for a task's list or"
                + " the lines of its output";
        roots.put("item", onlyParams);
        roots.put("results", onlyParams);
        Positions.Builder positions = new Positions.Builder(binding.at(node));
        binding.record(positions, "source", node);
        List<Problem> problems = ExpressionCheck.check(text, positions.build(), "source", roots,
                binding.params.texts());
        if (!problems.isEmpty()) {
            binding.problems.addAll(problems);
            return null;
        }
        return Template.parse(text).render(Map.of("params", binding.params.texts()));
    }
}
