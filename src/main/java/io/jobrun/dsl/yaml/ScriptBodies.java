package io.jobrun.dsl.yaml;

import io.jobrun.job.SourcePosition;
import io.jobrun.job.Suggestions;
import io.jobrun.job.TaskBody;
import io.jobrun.task.script.ScriptLanguage;
import io.jobrun.task.script.ScriptPermission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Binds {@code script: { lang: python, code: | ..., call: f, args: [...], allow: [files] }} (or {@code file:} instead
 * of {@code code:}) into a {@link TaskBody.Script}. A script file is read now, relative to the job file, so a missing
 * one is a problem before anything runs.
 */
final class ScriptBodies {
    static final List<String> KEYS = List.of("lang", "code", "file", "call", "args", "allow");

    private final Binding binding;
    private final Map<String, String> roots;
    private final List<Templates.ResultReference> references = new ArrayList<>();

    /** @param roots the names expressions in {@code args} may use, see {@link Templates#check} */
    ScriptBodies(Binding binding, Map<String, String> roots) {
        this.binding = binding;
        this.roots = roots;
    }

    Bodies.Bound script(Node node) {
        YamlMap map = YamlMap.of(node, "script", binding);
        if (map == null) {
            return new Bodies.Bound(null, references);
        }
        map.allowOnly(KEYS, "script key", binding);
        String language = language(map);
        String call = map.has("call") ? Scalars.name(map.get("call"), "script call", binding) : null;
        if (call != null && !call.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
            binding.problem(map.get("call"), "script call must name a function, e.g. call: count_primes; got '"
                    + call + "'");
            call = null;
        }
        List<Object> args = map.has("args") ? args(map.get("args")) : List.of();
        if (map.has("args") && !map.has("call")) {
            binding.problem(map.get("args"), "script args need call: the function to pass them to");
            args = List.of();
        }
        List<String> allow = map.has("allow") ? allow(map.get("allow")) : List.of();
        Code code = code(node, map);
        if (language == null || code == null) {
            return new Bodies.Bound(null, references);
        }
        return new Bodies.Bound(new TaskBody.Script(language, code.text(), code.at(), code.file(), call, args, allow,
                binding.params), references);
    }

    private String language(YamlMap map) {
        if (!map.has("lang")) {
            binding.problem(map.node(), "script needs lang: the language of the code (" + ScriptLanguage.knownNames()
                    + ")");
            return null;
        }
        String name = Scalars.name(map.get("lang"), "script lang", binding);
        if (name == null) {
            return null;
        }
        try {
            ScriptLanguage.fromName(name);
            return name;
        } catch (IllegalArgumentException e) {
            binding.problem(map.get("lang"), e.getMessage() + Suggestions.hint(name,
                    Arrays.asList(ScriptLanguage.knownNames().split(", "))));
            return null;
        }
    }

    /** The script's text and where its line 1 is. */
    private record Code(String text, SourcePosition at, String file) {
    }

    private Code code(Node node, YamlMap map) {
        if (map.has("code") == map.has("file")) {
            binding.problem(node, map.has("code") ? "script has both code: and file:; give one"
                    : "script needs code: (the script itself) or file: (a script file next to the job)");
            return null;
        }
        if (map.has("code")) {
            Node codeNode = map.get("code");
            String text = Scalars.text(codeNode, "script code", binding);
            if (text == null) {
                return null;
            }
            SourcePosition at = binding.at(codeNode);
            // A block scalar (code: |) starts on the line after its indicator.
            boolean block = codeNode instanceof ScalarNode scalar && (scalar.getScalarStyle() == ScalarStyle.LITERAL
                    || scalar.getScalarStyle() == ScalarStyle.FOLDED);
            return new Code(text, new SourcePosition(at.file(), at.line() + (block ? 1 : 0), 1), null);
        }
        String file = Scalars.text(map.get("file"), "script file", binding);
        if (file == null) {
            return null;
        }
        Path jobDirectory = Path.of(binding.file).toAbsolutePath().getParent();
        Path path = jobDirectory.resolve(file).normalize();
        Path shown = Path.of("").toAbsolutePath().relativize(path);
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            return new Code(text, new SourcePosition(shown.toString(), 1, 1), file);
        } catch (IOException e) {
            binding.problem(map.get("file"), "cannot read script file '" + file + "' (" + shown + ", next to the job"
                    + " file): " + (Files.exists(path) ? e.getMessage() : "no such file"));
            return null;
        }
    }

    private List<String> allow(Node node) {
        List<String> names = Scalars.names(node, "script allow", binding);
        List<String> known = new ArrayList<>();
        for (ScriptPermission permission : ScriptPermission.values()) {
            known.add(permission.jobName());
        }
        List<String> allowed = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            if (known.contains(name)) {
                allowed.add(name);
            } else {
                binding.problem(node, "unknown script access '" + name + "' (expected one of " + String.join(", ", known)
                        + ")" + Suggestions.hint(name, known));
            }
        }
        return allowed;
    }

    /** The call's arguments as plain values; text with {@code ${...}} is checked now and evaluated per attempt. */
    private List<Object> args(Node node) {
        List<Node> nodes = node instanceof SequenceNode list ? list.getValue() : List.of(node);
        List<Object> values = new ArrayList<>();
        for (Node element : nodes) {
            values.add(value(element));
        }
        return values;
    }

    private Object value(Node node) {
        if (node instanceof SequenceNode list) {
            List<Object> values = new ArrayList<>();
            for (Node element : list.getValue()) {
                values.add(value(element));
            }
            return values;
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = Scalars.text(tuple.getKeyNode(), "a key in script args", binding);
                values.put(key, value(tuple.getValueNode()));
            }
            return values;
        }
        ScalarNode scalar = (ScalarNode) node;
        Object value = Scalars.item(scalar);
        if (value instanceof String text && io.jobrun.job.expr.Template.hasExpressions(text)) {
            references.addAll(Templates.check(scalar, roots, binding));
        }
        return value;
    }
}
