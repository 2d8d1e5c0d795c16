package io.jobrun.dsl.yaml;

import io.jobrun.job.SourcePosition;
import io.jobrun.job.Suggestions;
import io.jobrun.job.expr.Expression;
import io.jobrun.job.expr.ExpressionException;
import io.jobrun.job.expr.ShellTemplate;
import io.jobrun.job.expr.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Checks the {@code ${...}} expressions of a YAML text before anything runs: they parse, name a known root, and
 * {@code ${params.x}} names a parameter. References to {@code results.x} are returned for the binder to check once
 * every task is known.
 */
final class Templates {
    /** A {@code ${results.x}} found in a task's text, checked against the task's dependencies later. */
    record ResultReference(String task, SourcePosition position) {
    }

    private Templates() {
    }

    /**
     * Checks {@code node}'s text.
     *
     * @param roots the names this text may use, each with null when it may, or the reason it may not
     * @return the results references found (empty when none or when the text has problems)
     */
    static List<ResultReference> check(ScalarNode node, Map<String, String> roots, Binding binding) {
        List<ResultReference> references = new ArrayList<>();
        String text = node.getValue();
        if (!Template.hasExpressions(text)) {
            return references;
        }
        Template template;
        try {
            template = Template.parse(text);
        } catch (ExpressionException e) {
            binding.problem(at(node, e.offset(), binding), "invalid expression: " + e.getMessage());
            return references;
        }
        for (Expression expression : template.expressions()) {
            SourcePosition position = at(node, expression.offset(), binding);
            String root = expression.root();
            if (!roots.containsKey(root)) {
                List<String> allowed = roots.entrySet().stream().filter(e -> e.getValue() == null)
                        .map(Map.Entry::getKey).toList();
                binding.problem(position, "unknown name '" + root + "' in ${" + expression.text() + "} (expected "
                        + String.join(", ", allowed) + "; write $${ for a literal ${)"
                        + Suggestions.hint(root, roots.keySet()));
                continue;
            }
            if (roots.get(root) != null) {
                binding.problem(position, "${" + expression.text() + "}: " + roots.get(root));
                continue;
            }
            String first = expression.firstProperty();
            if (root.equals("params") && first != null && !binding.params.containsKey(first)) {
                binding.problem(position, "unknown parameter '" + first + "' in ${" + expression.text() + "} "
                        + "(declare it under params: or pass -p " + first + "=...)"
                        + Suggestions.hint(first, binding.params.keySet()));
            }
            if (root.equals("results")) {
                if (first == null) {
                    binding.problem(position, "${" + expression.text() + "}: name the task whose result you want, "
                            + "e.g. ${results.build}");
                } else {
                    references.add(new ResultReference(first, position));
                }
            }
        }
        return references;
    }

    /**
     * Checks that every value in {@code node}'s shell command can be passed to the shell (see {@link ShellTemplate}),
     * and warns of each {@code ${raw(...)}}, which pastes code. Text whose expressions do not parse is left to
     * {@link #check}, which reports them.
     */
    static void checkShell(ScalarNode node, Binding binding) {
        String text = node.getValue();
        ShellTemplate command;
        try {
            Template.parse(text);
        } catch (ExpressionException e) {
            return;
        }
        try {
            command = ShellTemplate.parse(text);
        } catch (ExpressionException e) {
            binding.problem(at(node, e.offset(), binding), e.getMessage());
            return;
        }
        for (Expression raw : command.rawExpressions()) {
            binding.warning(at(node, raw.offset(), binding), ShellTemplate.rawWarning("${" + raw.text() + "}"));
        }
    }

    /** The position of {@code offset} inside {@code node}'s text, or the node's start when lines get in the way. */
    private static SourcePosition at(ScalarNode node, int offset, Binding binding) {
        SourcePosition start = binding.at(node);
        boolean oneLine = node.getEndMark().isPresent() && node.getStartMark().isPresent()
                && node.getEndMark().get().getLine() == node.getStartMark().get().getLine();
        if (!oneLine || offset < 0) {
            return start;
        }
        return new SourcePosition(start.file(), start.line(), start.column() + Scalars.quoteWidth(node) + offset);
    }
}
