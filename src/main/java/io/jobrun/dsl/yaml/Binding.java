package io.jobrun.dsl.yaml;

import io.jobrun.job.Kinds;
import io.jobrun.job.Parameters;
import io.jobrun.job.Positions;
import io.jobrun.job.Problem;
import io.jobrun.job.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** What binding one YAML file shares: its name, the registries, the parameters in force, and the problems found. */
final class Binding {
    final String file;
    final Path path;
    /** {@code -p key=value} over the file's {@code params:}; complete once the params section is bound. */
    final Parameters params;
    final List<Problem> problems = new ArrayList<>();
    /** What is allowed but risky, shown by --check and before a run. */
    final List<Problem> warnings = new ArrayList<>();
    /** The executor and task kinds a file may use, with their options. */
    final Kinds kinds;

    Binding(String file, Path path, Map<String, String> commandLineParams, Kinds kinds) {
        this.file = file;
        this.path = path;
        this.params = new Parameters(commandLineParams);
        this.kinds = kinds;
    }

    /** Where {@code node} starts: file, 1-based line and column. */
    SourcePosition at(Node node) {
        return node.getStartMark().map(this::at).orElse(SourcePosition.of(file));
    }

    SourcePosition at(Mark mark) {
        return new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    void problem(Node node, String message) {
        problems.add(new Problem(at(node), message));
    }

    void warning(SourcePosition position, String message) {
        warnings.add(new Problem(position, message));
    }

    void problem(SourcePosition position, String message) {
        problems.add(new Problem(position, message));
    }

    /**
     * Records where the value {@code node} and everything inside it is written, under {@code path}: a text on one
     * line by its first character (so that an offset into it is a column), a block text by its first line, the
     * entries of a map as {@code path.key} and the items of a list as {@code path.N}.
     */
    void record(Positions.Builder positions, String path, Node node) {
        switch (node) {
            case ScalarNode scalar -> {
                SourcePosition start = at(node);
                boolean block = scalar.getScalarStyle() == ScalarStyle.LITERAL
                        || scalar.getScalarStyle() == ScalarStyle.FOLDED;
                boolean oneLine = node.getEndMark().isPresent() && node.getStartMark().isPresent()
                        && node.getEndMark().get().getLine() == node.getStartMark().get().getLine();
                if (block) {
                    // NOTE: a block text (code: |) starts on the line after its indicator.
                    positions.part(path, new SourcePosition(file, start.line() + 1, 1));
                } else if (oneLine) {
                    positions.text(path, new SourcePosition(file, start.line(), start.column()
                            + Scalars.quoteWidth(scalar)));
                } else {
                    positions.part(path, start);
                }
            }
            case MappingNode map -> {
                positions.part(path, at(node));
                for (NodeTuple tuple : map.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key) {
                        record(positions, path + "." + key.getValue(), tuple.getValueNode());
                    }
                }
            }
            case SequenceNode list -> {
                positions.part(path, at(node));
                for (int i = 0; i < list.getValue().size(); i++) {
                    record(positions, path + "." + i, list.getValue().get(i));
                }
            }
            default -> positions.part(path, at(node));
        }
    }
}
