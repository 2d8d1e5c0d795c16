package io.jobrun.task.http;

import io.jobrun.job.OptionSpec;
import io.jobrun.job.OptionType;
import io.jobrun.job.RuleException;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code http(get: 'http://127.0.0.1:8080/status', expect: 200)}: a request made with the JDK's HttpClient. */
public final class HttpKind implements TaskKind {
    /** The options that give the method and the URL in one. */
    private static final List<String> SHORTHANDS = List.of("get", "post", "put", "patch", "delete", "head");

    @Override
    public String name() {
        return "http";
    }

    @Override
    public String description() {
        return "an HTTP request; its result is the status, the size and the body, and a status not expected fails"
                + " the task";
    }

    @Override
    public List<OptionSpec> options() {
        List<OptionSpec> options = new ArrayList<>();
        for (String method : SHORTHANDS) {
            options.add(new OptionSpec(method, OptionType.TEXT, null, "send a " + method.toUpperCase(Locale.ROOT)
                    + " request to this URL; may hold ${...}"));
        }
        options.add(new OptionSpec("method", OptionType.TEXT, "GET", "the method, with url: instead of get: and kin",
                List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "get", "post", "put", "patch", "delete",
                        "head")));
        options.add(new OptionSpec("url", OptionType.TEXT, null, "the URL, with method:; may hold ${...}"));
        options.add(new OptionSpec("headers", OptionType.TEXT_MAP, null, "request headers; may hold ${...}"));
        options.add(new OptionSpec("body", OptionType.TEXT, null, "the request body, UTF-8; may hold ${...}"));
        options.add(new OptionSpec("expect", OptionType.COUNTS, null,
                "the statuses that succeed; by default any 2xx"));
        options.add(new OptionSpec("timeout", OptionType.DURATION, null,
                "how long to wait for the response (the task's own timeout still applies)"));
        return options;
    }

    @Override
    public String partOf(String option) {
        return SHORTHANDS.contains(option) ? "url" : option;
    }

    @Override
    @SuppressWarnings("unchecked")
    public TaskBody body(Map<String, Object> options, Context context) {
        String method = null;
        String url = null;
        for (String shorthand : SHORTHANDS) {
            if (options.containsKey(shorthand)) {
                if (method != null) {
                    throw new RuleException("url", "http has two methods, " + method.toLowerCase(Locale.ROOT)
                            + " and " + shorthand + "; give one");
                }
                method = shorthand.toUpperCase(Locale.ROOT);
                url = (String) options.get(shorthand);
            }
        }
        if (options.containsKey("method") || options.containsKey("url")) {
            if (method != null) {
                throw new RuleException(options.containsKey("url") ? "url" : "method", "write either "
                        + method.toLowerCase(Locale.ROOT) + ": URL or method: and url:, not both");
            }
            method = ((String) options.getOrDefault("method", "GET")).toUpperCase(Locale.ROOT);
            url = (String) options.get("url");
            if (url == null) {
                throw new RuleException("method", "http needs url: the address to request");
            }
        }
        if (method == null) {
            throw new RuleException("", "http needs a request: get: URL (or post:, put:, patch:, delete:, head:), or"
                    + " method: and url:");
        }
        String problem = io.jobrun.job.expr.Template.hasExpressions(url) ? null : HttpRunner.urlProblem(url);
        if (problem != null) {
            throw new RuleException("url", "'" + url + "' is " + problem);
        }
        TaskBody.Http http = new TaskBody.Http(method, url, (Map<String, String>) options.getOrDefault("headers",
                Map.of()), (String) options.get("body"), (List<Integer>) options.getOrDefault("expect", List.of()),
                (Duration) options.get("timeout"));
        return TaskBody.Templated.ifNeeded(http, context.params().texts());
    }
}
