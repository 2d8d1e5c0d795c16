package io.jobrun.dsl.groovy;

import io.jobrun.job.OptionValueException;
import io.jobrun.job.Suggestions;
import io.jobrun.job.TaskBody;
import io.jobrun.job.expr.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code http(get: url, expect: 200)} returns: an HTTP task body waiting for its task. Text in single quotes may
 * hold {@code ${item}} and {@code ${results.x}}, rendered per attempt as in YAML job files.
 */
public final class HttpCommand {
    static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete", "head");

    final TaskBody body;

    private HttpCommand(TaskBody body) {
        this.body = body;
    }

    /** Reads the options of {@code http(...)}; problems go to {@code builder}, with a stand-in body. */
    static HttpCommand of(Map<String, ?> options, JobBuilder builder, io.jobrun.job.SourcePosition at) {
        String method = null;
        String url = null;
        Map<String, String> headers = new LinkedHashMap<>();
        String body = null;
        List<Integer> expect = new ArrayList<>();
        Duration timeout = null;
        for (var entry : options.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            try {
                if (METHODS.contains(key)) {
                    method = key.toUpperCase(Locale.ROOT);
                    url = String.valueOf(value);
                    continue;
                }
                switch (key) {
                    case "method" -> method = String.valueOf(value).toUpperCase(Locale.ROOT);
                    case "url" -> url = String.valueOf(value);
                    case "headers" -> {
                        if (!(value instanceof Map<?, ?> map)) {
                            throw new OptionValueException("headers must be a map such as [Accept: 'text/plain'],"
                                    + " got " + Options.describe(value));
                        }
                        map.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
                    }
                    case "body" -> body = String.valueOf(value);
                    case "expect" -> {
                        for (Object status : value instanceof List<?> list ? list : List.of(value)) {
                            expect.add(Options.count("expect", status));
                        }
                    }
                    case "timeout" -> timeout = Options.duration("timeout", value);
                    default -> builder.problem(at, Suggestions.unknown("http option", key,
                            Vocabulary.HTTP_OPTIONS));
                }
            } catch (OptionValueException e) {
                builder.problem(at, e.getMessage());
            }
        }
        if (method == null || url == null) {
            builder.problem(at, "http needs a request, e.g. http(get: 'http://127.0.0.1:8080/status')");
            return new HttpCommand(new TaskBody.Shell("true", Map.of(), null));
        }
        if (!TaskBody.Http.METHODS.contains(method)) {
            builder.problem(at, "unknown http method '" + method + "' (expected one of "
                    + String.join(", ", TaskBody.Http.METHODS) + ")");
            return new HttpCommand(new TaskBody.Shell("true", Map.of(), null));
        }
        builder.checkExpressions(at, url);
        if (body != null) {
            builder.checkExpressions(at, body);
        }
        headers.values().forEach(value -> builder.checkExpressions(at, value));
        TaskBody.Http http = new TaskBody.Http(method, url, headers, body, expect, timeout);
        boolean templated = Template.hasExpressions(url) || body != null && Template.hasExpressions(body)
                || headers.values().stream().anyMatch(Template::hasExpressions);
        return new HttpCommand(templated ? new TaskBody.Templated(http, builder.params()) : http);
    }

    @Override
    public String toString() {
        return "http(" + body + ")";
    }
}
