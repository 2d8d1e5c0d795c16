package io.jobrun.dsl.yaml;

import io.jobrun.job.Durations;
import io.jobrun.job.text.Excerpt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Converts YAML nodes to values, reporting a wrong type at the node: "timeout must be a duration such as 10s, got
 * the text 'banana'". Each method returns null after reporting.
 */
final class Scalars {
    private Scalars() {
    }

    /** "a list", "a map", "the text 'banana'", "the number 3", "true", "nothing (null)". */
    static String describe(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a map";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return "nothing (null)";
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return "the number " + scalar.getValue();
        }
        if (tag.equals(Tag.BOOL)) {
            return scalar.getValue();
        }
        String value = scalar.getValue();
        return "the text " + Excerpt.of(value);
    }

    /** A string, a number or a boolean read as text; YAML 1.2 keeps {@code NO} and {@code 012} as written. */
    static boolean isText(ScalarNode scalar) {
        return !scalar.getTag().equals(Tag.NULL);
    }

    static String text(Node node, String what, Binding binding) {
        if (node instanceof ScalarNode scalar && isText(scalar)) {
            return scalar.getValue();
        }
        binding.problem(node, what + " must be text, got " + describe(node));
        return null;
    }

    /** A name such as an executor or task name: text, not blank. */
    static String name(Node node, String what, Binding binding) {
        String text = text(node, what, binding);
        if (text != null && text.isBlank()) {
            binding.problem(node, what + " must not be empty");
            return null;
        }
        return text;
    }

    /** "10s", "1.5m", or a number of seconds, as the Groovy DSL reads durations. */
    static Duration duration(Node node, String what, Binding binding) {
        if (node instanceof ScalarNode scalar && (scalar.getTag().equals(Tag.INT)
                || scalar.getTag().equals(Tag.FLOAT))) {
            return Duration.ofMillis(Math.round(Double.parseDouble(scalar.getValue()) * 1000));
        }
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
            try {
                return Durations.parse(scalar.getValue());
            } catch (IllegalArgumentException e) {
                binding.problem(node, "invalid duration '" + scalar.getValue() + "' for " + what + " (expected "
                        + Durations.EXPECTED + ")");
                return null;
            }
        }
        binding.problem(node, what + " must be a duration such as 10s, got " + describe(node));
        return null;
    }

    static Integer wholeNumber(Node node, String what, Binding binding) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
            try {
                return Integer.parseInt(scalar.getValue());
            } catch (NumberFormatException e) {
                binding.problem(node, what + " is too large: " + scalar.getValue());
                return null;
            }
        }
        binding.problem(node, what + " must be a whole number, got " + describe(node));
        return null;
    }

    static Double number(Node node, String what, Binding binding) {
        if (node instanceof ScalarNode scalar && (scalar.getTag().equals(Tag.INT)
                || scalar.getTag().equals(Tag.FLOAT))) {
            return Double.parseDouble(scalar.getValue());
        }
        binding.problem(node, what + " must be a number, got " + describe(node));
        return null;
    }

    static Boolean bool(Node node, String what, Binding binding) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(scalar.getValue());
        }
        binding.problem(node, what + " must be true or false, got " + describe(node));
        return null;
    }

    /** One name or a list of names: {@code after: build} or {@code after: [build, test]}. */
    static List<String> names(Node node, String what, Binding binding) {
        List<String> names = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            for (Node element : list.getValue()) {
                String name = name(element, what + " items", binding);
                if (name != null) {
                    names.add(name);
                }
            }
            return names;
        }
        if (!(node instanceof ScalarNode scalar) || !isText(scalar)) {
            binding.problem(node, what + " must be a name or a list of names, got " + describe(node));
            return names;
        }
        String name = name(node, what, binding);
        if (name != null) {
            names.add(name);
        }
        return names;
    }

    /** A map of names to text, e.g. {@code env:} or {@code headers:}; values keep their nodes for expressions. */
    static Map<String, ScalarNode> textMap(Node node, String what, Binding binding) {
        Map<String, ScalarNode> values = new LinkedHashMap<>();
        YamlMap map = YamlMap.of(node, what, binding);
        if (map == null) {
            return values;
        }
        for (YamlMap.Entry entry : map.entries()) {
            if (entry.value() instanceof ScalarNode scalar && isText(scalar)) {
                values.put(entry.key(), scalar);
            } else {
                binding.problem(entry.value(), what + " value '" + entry.key() + "' must be text, got "
                        + describe(entry.value()));
            }
        }
        return values;
    }

    /** The plain value of any node, as the model's conversions read it: lists, maps with text keys, scalars. */
    static Object plain(Node node) {
        if (node instanceof SequenceNode list) {
            List<Object> values = new ArrayList<>();
            list.getValue().forEach(element -> values.add(plain(element)));
            return values;
        }
        if (node instanceof MappingNode map) {
            Map<String, Object> values = new LinkedHashMap<>();
            map.getValue().forEach(tuple -> values.put(String.valueOf(plain(tuple.getKeyNode())),
                    plain(tuple.getValueNode())));
            return values;
        }
        return item((ScalarNode) node);
    }

    /** A plain scalar's value as a fan-out item: numbers stay numbers, as they would in a Groovy list. */
    static Object item(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.INT)) {
            try {
                return Integer.parseInt(scalar.getValue());
            } catch (NumberFormatException e) {
                return Long.parseLong(scalar.getValue());
            }
        }
        if (tag.equals(Tag.FLOAT)) {
            return Double.parseDouble(scalar.getValue());
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.parseBoolean(scalar.getValue());
        }
        return tag.equals(Tag.NULL) ? null : scalar.getValue();
    }

    /** Whether an offset inside {@code scalar} maps to a column: single-line, with one quote before the text. */
    static int quoteWidth(ScalarNode scalar) {
        return scalar.getScalarStyle() == ScalarStyle.SINGLE_QUOTED
                || scalar.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED ? 1 : 0;
    }
}
