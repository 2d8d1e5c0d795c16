package io.jobrun.dsl.yaml;

import io.jobrun.job.ExecutorKinds;
import io.jobrun.job.Problem;
import io.jobrun.job.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** What binding one YAML file shares: its name, the parameters in force, and the problems found so far. */
final class Binding {
    final String file;
    /** {@code -p key=value} over the file's {@code params:}; complete once the params section is bound. */
    final Map<String, String> params = new LinkedHashMap<>();
    final List<Problem> problems = new ArrayList<>();
    /** What is allowed but risky, shown by --check and before a run. */
    final List<Problem> warnings = new ArrayList<>();
    /** The executor kinds a file may declare, with their options. */
    final ExecutorKinds executorKinds;

    Binding(String file, Map<String, String> commandLineParams, ExecutorKinds executorKinds) {
        this.file = file;
        params.putAll(commandLineParams);
        this.executorKinds = executorKinds;
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
}
