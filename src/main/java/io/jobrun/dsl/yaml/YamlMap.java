package io.jobrun.dsl.yaml;

import io.jobrun.job.SourcePosition;
import io.jobrun.job.text.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A YAML mapping as the binder reads it: string keys with their nodes, a duplicate key reported (the first one
 * wins), and every key checked against the ones its section allows.
 */
final class YamlMap {
    /** One key and its value, in file order. */
    record Entry(String key, Node keyNode, Node value) {
    }

    private final Node node;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private YamlMap(Node node) {
        this.node = node;
    }

    /**
     * Reads {@code node} as a mapping, or reports what it is instead and returns null.
     *
     * @param what how messages name the section: "the job", "task 'check'"
     * @param duplicate how a repeated key is worded; receives the key and where it was first written
     */
    static YamlMap of(Node node, String what, Binding binding, Duplicates duplicate) {
        if (!(node instanceof MappingNode mapping)) {
            binding.problem(node, what + " must be a map of keys to values, got " + Scalars.describe(node));
            return null;
        }
        YamlMap map = new YamlMap(node);
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar) || !Scalars.isText(scalar)) {
                binding.problem(keyNode, "keys of " + what + " must be names, got " + Scalars.describe(keyNode));
                continue;
            }
            String key = scalar.getValue();
            Entry first = map.entries.get(key);
            if (first != null) {
                binding.problem(keyNode, duplicate.message(key, binding.at(first.keyNode())));
                continue;
            }
            map.entries.put(key, new Entry(key, keyNode, tuple.getValueNode()));
        }
        return map;
    }

    static YamlMap of(Node node, String what, Binding binding) {
        return of(node, what, binding, (key, first) -> "duplicate key '" + key + "' in " + what + " (first written at "
                + "line " + first.line() + ", column " + first.column() + ")");
    }

    /** Words a duplicate key. */
    @FunctionalInterface
    interface Duplicates {
        String message(String key, SourcePosition first);
    }

    /** Reports each key not in {@code allowed}, with a "did you mean" or the list of keys expected. */
    void allowOnly(List<String> allowed, String noun, Binding binding) {
        allowOnly(allowed, Map.of(), noun, binding);
    }

    /**
     * As {@link #allowOnly(List, String, Binding)}, with keys people put here that belong elsewhere:
     * {@code elsewhere} maps each to where it goes ("inside retries:, as in ...").
     */
    void allowOnly(List<String> allowed, Map<String, String> elsewhere, String noun, Binding binding) {
        for (Entry entry : entries.values()) {
            if (elsewhere.containsKey(entry.key())) {
                binding.problem(entry.keyNode(), "unknown " + noun + " '" + entry.key() + "': it goes "
                        + elsewhere.get(entry.key()));
            } else if (!allowed.contains(entry.key())) {
                binding.problem(entry.keyNode(), Suggestions.unknown(noun, entry.key(), allowed));
            }
        }
    }

    /** This map without the keys {@code ignored} accepts: keys the binder is to pass over. */
    YamlMap without(java.util.function.Predicate<String> ignored) {
        entries.keySet().removeIf(ignored);
        return this;
    }

    Node node() {
        return node;
    }

    Node get(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }
}
