package io.jobrun.dsl.yaml;

import io.jobrun.job.Job;
import io.jobrun.job.JobFront;
import io.jobrun.job.LoadedJob;
import io.jobrun.job.Problem;
import io.jobrun.job.SourcePosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.JsonSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Reads a YAML job file into the job model. The text is composed into a node tree (YAML 1.2, no tag ever builds a
 * Java object, the parser's limits on aliases, nesting and size in force), then bound by hand so that every model
 * element keeps its line and column.
 */
public final class YamlJobLoader implements JobFront {
    /** The only tags a job file may carry: YAML 1.2's plain data. */
    private static final Set<Tag> PLAIN_DATA = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP,
            Tag.SEQ);

    /**
     * YAML 1.2's JSON schema, except that a plain {@code ${item}} stays text: the parser's default gives it an
     * environment-variable tag, which would then be refused as not plain data.
     */
    private static final Schema SCHEMA = new Schema() {
        private final Schema json = new JsonSchema();

        @Override
        public ScalarResolver getScalarResolver() {
            ScalarResolver resolver = json.getScalarResolver();
            return (value, implicit) -> {
                Tag tag = resolver.resolve(value, implicit);
                return tag.equals(Tag.ENV_TAG) ? Tag.STR : tag;
            };
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            return json.getSchemaTagConstructors();
        }
    };
    private static final LoadSettings SETTINGS = LoadSettings.builder().setAllowDuplicateKeys(false)
            .setAllowRecursiveKeys(false).setUseMarks(true).setSchema(SCHEMA).build();

    @Override
    public List<String> extensions() {
        return List.of(".yaml", ".yml");
    }

    @Override
    public LoadedJob load(Request request) {
        Binding binding = new Binding(request.source().file(), request.source().path(), request.params(),
                request.kinds());
        String displayName = binding.file;
        LimitedParser parser = new LimitedParser(new ParserImpl(SETTINGS, new StreamReader(SETTINGS,
                request.source().text())));
        Node root;
        try {
            root = compose(new Composer(SETTINGS, parser), binding);
        } catch (LimitedParser.TooDeepException e) {
            return failed(binding, new Problem(e.mark == null ? SourcePosition.of(displayName) : binding.at(e.mark),
                    e.getMessage()));
        } catch (MarkedYamlEngineException e) {
            return failed(binding, syntaxProblem(e, binding));
        } catch (YamlEngineException e) {
            // NOTE: the composer's alias limit names no place; the alias that broke it is the last one read.
            return failed(binding, new Problem(parser.lastAlias().map(binding::at)
                    .orElse(new SourcePosition(displayName, 1, 0)), limitMessage(e)));
        }
        if (root == null) {
            return failed(binding, new Problem(new SourcePosition(displayName, 1, 0),
                    "no YAML document, only comments (expected a job: at least tasks:)"));
        }
        checkTags(root, binding, Collections.newSetFromMap(new IdentityHashMap<>()));
        if (!holdsItself(root, binding, identitySet(), identitySet())) {
            MergeKeys.apply(root, binding);
        }
        Job job = binding.problems.isEmpty() ? new JobBinder(binding).bind(root) : null;
        return new LoadedJob(job, Problem.inFileOrder(binding.problems), binding.warnings);
    }

    private static Node compose(Composer documents, Binding binding) {
        if (!documents.hasNext()) {
            return null;
        }
        Node root = documents.next();
        if (documents.hasNext()) {
            Node second = documents.next();
            binding.problem(second, "a job file holds one YAML document; this is a second one (remove the '---')");
        }
        return root;
    }

    /** Reports every tag that is not plain data, e.g. {@code !!java.lang.Runtime}; visits shared nodes once. */
    private static void checkTags(Node node, Binding binding, Set<Node> visited) {
        if (!visited.add(node)) {
            return;
        }
        if (!PLAIN_DATA.contains(node.getTag())) {
            String tag = node.getTag().getValue().replace(Tag.PREFIX, "!!");
            binding.problem(node, "tag '" + tag + "' is not allowed: a job file holds plain data"
                    + " (text, numbers, booleans, lists and maps)");
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                checkTags(tuple.getKeyNode(), binding, visited);
                checkTags(tuple.getValueNode(), binding, visited);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node element : sequence.getValue()) {
                checkTags(element, binding, visited);
            }
        }
    }

    /**
     * Whether a list or map under {@code node} holds itself ({@code a: &a [*a]}), which is reported where it is
     * anchored: every reader of plain data would follow it without end (a stack overflow, before this check).
     *
     * @param open the nodes on the way from the root to {@code node}
     * @param done the nodes already seen to hold no such list or map
     */
    private static boolean holdsItself(Node node, Binding binding, Set<Node> open, Set<Node> done) {
        if (done.contains(node)) {
            return false;
        }
        if (!open.add(node)) {
            binding.problem(node, "this " + (node instanceof SequenceNode ? "list" : "map") + " holds itself (an alias"
                    + " of it, *name, inside its own &name): a job file holds plain data, which ends");
            return true;
        }
        List<Node> children = new ArrayList<>();
        if (node instanceof MappingNode mapping) {
            mapping.getValue().forEach(tuple -> {
                children.add(tuple.getKeyNode());
                children.add(tuple.getValueNode());
            });
        } else if (node instanceof SequenceNode sequence) {
            children.addAll(sequence.getValue());
        }
        for (Node child : children) {
            if (holdsItself(child, binding, open, done)) {
                return true;
            }
        }
        open.remove(node);
        done.add(node);
        return false;
    }

    private static Set<Node> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private static Problem syntaxProblem(MarkedYamlEngineException e, Binding binding) {
        SourcePosition at = e.getProblemMark().or(e::getContextMark).map(binding::at)
                .orElse(SourcePosition.of(binding.file));
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        String context = e.getContext();
        // NOTE: the parser speaks of block ends and block mapping starts when a line is indented wrongly.
        String hint = problem.contains("<block") ? "; check the indentation of this line"
                // NOTE: shell: echo time: now, the most common way to meet this, reads as a key inside a value
                : problem.contains("mapping values are not allowed") ? "; a value that holds ': ' needs quotes, as"
                        + " shell: \"echo time: now\", or a block after |"
                // NOTE: when: !${params.dry}, as a condition is negated, reads as a tag
                : context != null && context.contains("scanning a tag") ? "; a value that starts with ! needs quotes,"
                        + " as when: \"!${params.dry}\""
                : "";
        return new Problem(at, "YAML syntax error: " + problem.strip() + (context == null || context.isBlank() ? ""
                : " (" + context.strip() + ")") + hint);
    }

    /** The parser's limits, worded for a user who may not know why they exist. */
    private static String limitMessage(YamlEngineException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("aliases")) {
            return "too many aliases (*name) of lists or maps: a YAML file may repeat at most "
                    + LoadSettings.builder().build().getMaxAliasesForCollections()
                    + " of them, which guards against 'billion laughs' documents";
        }
        if (message.contains("code points")) {
            return "is too large for a YAML job file (at most 3 Mi characters)";
        }
        return "YAML error: " + message;
    }

    private static LoadedJob failed(Binding binding, Problem problem) {
        List<Problem> problems = new ArrayList<>(binding.problems);
        problems.add(problem);
        return new LoadedJob(null, problems);
    }
}
