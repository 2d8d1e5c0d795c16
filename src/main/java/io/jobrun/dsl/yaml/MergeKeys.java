package io.jobrun.dsl.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * YAML 1.1's merge key, which CI files use to share settings: {@code <<: *defaults} puts the keys of the map
 * {@code defaults} anchors into the map it is written in, and {@code <<: [*a, *b]} those of several, the first one
 * winning. A key written in the map itself wins over a merged one. YAML 1.2, and so snakeyaml-engine, left it out; it
 * is applied here to the node tree, before binding, so that every section sees plain maps whose merged values keep
 * the places they are written at.
 */
final class MergeKeys {
    static final String KEY = "<<";

    private final Binding binding;
    /** The maps already merged: an alias shares one node between places. */
    private final Set<Node> done = Collections.newSetFromMap(new IdentityHashMap<>());

    private MergeKeys(Binding binding) {
        this.binding = binding;
    }

    /** Replaces each merge key under {@code root} by the entries it stands for; a bad one is reported. */
    static void apply(Node root, Binding binding) {
        new MergeKeys(binding).merge(root);
    }

    private void merge(Node node) {
        if (!done.add(node)) {
            return;
        }
        if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(this::merge);
        } else if (node instanceof MappingNode mapping) {
            mapping.getValue().forEach(tuple -> merge(tuple.getValueNode()));
            if (mapping.getValue().stream().anyMatch(MergeKeys::isMerge)) {
                mapping.setValue(merged(mapping.getValue()));
            }
        }
    }

    /**
     * {@code tuples} with each merge key replaced, where it is written, by the entries of its maps that no key of
     * this map, written or merged before, already gives.
     */
    private List<NodeTuple> merged(List<NodeTuple> tuples) {
        Set<String> taken = new HashSet<>();
        for (NodeTuple tuple : tuples) {
            if (!isMerge(tuple) && tuple.getKeyNode() instanceof ScalarNode key) {
                taken.add(key.getValue());
            }
        }
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple tuple : tuples) {
            if (!isMerge(tuple)) {
                merged.add(tuple);
                continue;
            }
            for (MappingNode source : sources(tuple)) {
                merge(source);
                for (NodeTuple entry : source.getValue()) {
                    if (!(entry.getKeyNode() instanceof ScalarNode key) || taken.add(key.getValue())) {
                        merged.add(entry);
                    }
                }
            }
        }
        return merged;
    }

    /** The maps a merge key's value names, in order; what is not a map is reported at the key. */
    private List<MappingNode> sources(NodeTuple merge) {
        Node value = merge.getValueNode();
        List<Node> candidates = value instanceof SequenceNode list ? list.getValue() : List.of(value);
        List<MappingNode> maps = new ArrayList<>();
        for (Node candidate : candidates) {
            if (candidate instanceof MappingNode map) {
                maps.add(map);
            } else {
                // NOTE: at the key: the value is most often an alias, whose node is written where its anchor is
                binding.problem(merge.getKeyNode(), "a merge key, <<, takes a map or a list of maps (an alias such as"
                        + " *defaults), got " + Scalars.describe(candidate));
            }
        }
        return maps;
    }

    private static boolean isMerge(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(KEY)
                && key.getScalarStyle() == ScalarStyle.PLAIN;
    }
}
