package io.jobrun.dsl.yaml;

import io.jobrun.job.TaskBody;
import io.jobrun.job.Suggestions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Binds what a task does, {@code shell:} or {@code http:}, and checks the expressions in its text. A body whose text
 * holds expressions becomes a {@link TaskBody.Templated}, rendered before each attempt.
 */
final class Bodies {
    static final List<String> SHELL_KEYS = List.of("command", "env", "dir");
    static final List<String> HTTP_KEYS = List.of("get", "post", "put", "patch", "delete", "head", "method", "url",
            "headers", "body", "expect", "timeout");

    /** The body, or null after a problem; {@code references} receives each {@code ${results.x}}. */
    record Bound(TaskBody body, List<Templates.ResultReference> references) {
    }

    private final Binding binding;
    private final Map<String, String> roots;
    private final List<Templates.ResultReference> references = new ArrayList<>();
    private boolean templated;

    /** @param roots the names expressions may use here, see {@link Templates#check} */
    Bodies(Binding binding, Map<String, String> roots) {
        this.binding = binding;
        this.roots = roots;
    }

    Bound shell(Node node) {
        String command = null;
        Map<String, String> env = new LinkedHashMap<>();
        String directory = null;
        if (node instanceof ScalarNode) {
            command = command(node, "shell");
        } else {
            YamlMap map = YamlMap.of(node, "shell", binding);
            if (map == null) {
                return new Bound(null, references);
            }
            map.allowOnly(SHELL_KEYS, "shell key", binding);
            if (!map.has("command")) {
                binding.problem(node, "shell needs command: the command to run, e.g. command: make -j2");
            } else {
                command = command(map.get("command"), "shell command");
            }
            if (map.has("env")) {
                env = texts(map.get("env"), "shell env");
            }
            if (map.has("dir")) {
                directory = text(map.get("dir"), "shell dir");
            }
        }
        if (command == null) {
            return new Bound(null, references);
        }
        if (command.isBlank()) {
            binding.problem(node, "shell needs a command, e.g. shell: make -j2");
            return new Bound(null, references);
        }
        return bound(new TaskBody.Shell(command, env, directory));
    }

    Bound http(Node node) {
        YamlMap map = YamlMap.of(node, "http", binding);
        if (map == null) {
            return new Bound(null, references);
        }
        map.allowOnly(HTTP_KEYS, "http key", binding);
        String method = null;
        String url = null;
        for (String shorthand : List.of("get", "post", "put", "patch", "delete", "head")) {
            if (map.has(shorthand)) {
                if (method != null) {
                    binding.problem(map.get(shorthand), "http has two methods, " + method.toLowerCase(Locale.ROOT)
                            + " and " + shorthand + "; give one");
                    continue;
                }
                method = shorthand.toUpperCase(Locale.ROOT);
                url = text(map.get(shorthand), "http " + shorthand);
            }
        }
        if (map.has("method") || map.has("url")) {
            if (method != null) {
                binding.problem(node, "write either " + method.toLowerCase(Locale.ROOT) + ": URL or method: and url:,"
                        + " not both");
            } else {
                method = httpMethod(map.get("method"));
                url = map.has("url") ? text(map.get("url"), "http url") : null;
                if (!map.has("url")) {
                    binding.problem(node, "http needs url: the address to request");
                }
            }
        }
        if (method == null && !map.has("method")) {
            binding.problem(node, "http needs a request, e.g. get: http://127.0.0.1:8080/status (or method: and url:)");
        }
        Map<String, String> headers = map.has("headers") ? texts(map.get("headers"), "http headers") : Map.of();
        String body = map.has("body") ? text(map.get("body"), "http body") : null;
        List<Integer> expect = map.has("expect") ? statuses(map.get("expect")) : List.of();
        Duration timeout = map.has("timeout") ? Scalars.duration(map.get("timeout"), "http timeout", binding) : null;
        if (method == null || url == null) {
            return new Bound(null, references);
        }
        return bound(new TaskBody.Http(method, url, headers, body, expect, timeout));
    }

    private String httpMethod(Node node) {
        if (node == null) {
            return "GET";
        }
        String text = Scalars.text(node, "http method", binding);
        if (text == null) {
            return null;
        }
        String method = text.toUpperCase(Locale.ROOT);
        if (!TaskBody.Http.METHODS.contains(method)) {
            binding.problem(node, "unknown http method '" + text + "' (expected one of "
                    + String.join(", ", TaskBody.Http.METHODS) + ")" + Suggestions.hint(method, TaskBody.Http.METHODS));
            return null;
        }
        return method;
    }

    private List<Integer> statuses(Node node) {
        List<Node> nodes = node instanceof SequenceNode list ? list.getValue() : List.of(node);
        List<Integer> statuses = new ArrayList<>();
        for (Node element : nodes) {
            Integer status = Scalars.wholeNumber(element, "http expect", binding);
            if (status != null && (status < 100 || status > 599)) {
                binding.problem(element, "http expect must be a status code from 100 to 599, got " + status);
            } else if (status != null) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    private Bound bound(TaskBody body) {
        return new Bound(templated ? new TaskBody.Templated(body, binding.params) : body, references);
    }

    /** Text that may hold expressions: checked now, rendered when the task runs. */
    private String text(Node node, String what) {
        String text = Scalars.text(node, what, binding);
        if (text != null && io.jobrun.job.expr.Template.hasExpressions(text)) {
            templated = true;
            references.addAll(Templates.check((ScalarNode) node, roots, binding));
        }
        return text;
    }

    /** A shell command: text whose values must reach the shell as data. */
    private String command(Node node, String what) {
        String text = text(node, what);
        if (text != null && io.jobrun.job.expr.Template.hasExpressions(text)) {
            Templates.checkShell((ScalarNode) node, binding);
        }
        return text;
    }

    private Map<String, String> texts(Node node, String what) {
        Map<String, String> values = new LinkedHashMap<>();
        Scalars.textMap(node, what, binding).forEach((key, value) -> values.put(key, text(value, what)));
        return values;
    }
}
