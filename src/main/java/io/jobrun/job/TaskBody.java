package io.jobrun.job;

import io.jobrun.job.expr.Template;
import io.jobrun.job.text.Suggestions;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a task does. One record per standard kind; {@code io.jobrun.task} knows how to run each. Shell and HTTP bodies
 * are data, and serializable, so that a worker process can run them. A kind added through a registry brings a body
 * that runs itself ({@link Custom}).
 */
public sealed interface TaskBody {
    /**
     * The parts of this body that are templates, rendered before each attempt, by their paths ({@code command},
     * {@code env.CC}, {@code args.0}); validation checks their expressions before anything runs.
     */
    default Map<String, String> templates() {
        return Map.of();
    }

    /** The text parts of a body, by their paths, whether or not they hold expressions. */
    default Map<String, String> texts() {
        return Map.of();
    }

    /** The body under its templates, which says what work it is: a templated shell is a shell. */
    default TaskBody untemplated() {
        return this;
    }

    /** Code from the job file, run in this JVM or, for a process executor, in a worker JVM. */
    record Code(TaskCode code) implements TaskBody {
        public Code {
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * A command run by {@code /bin/sh -c}.
     *
     * @param directory working directory, or null for the current one
     * @param env       variables added to the inherited environment
     */
    record Shell(String command, Map<String, String> env, String directory) implements TaskBody, Serializable {
        /** @throws RuleException for a blank command */
        public Shell {
            Objects.requireNonNull(command, "command");
            if (command.isBlank()) {
                throw new RuleException("command", "shell needs a command");
            }
            env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        }

        @Override
        public Map<String, String> texts() {
            Map<String, String> texts = new LinkedHashMap<>();
            texts.put("command", command);
            env.forEach((name, value) -> texts.put("env." + name, value));
            if (directory != null) {
                texts.put("dir", directory);
            }
            return texts;
        }
    }

    /**
     * An HTTP request made with the JDK's HttpClient; the result is the status code and the body's size.
     *
     * @param headers added to the request
     * @param body    sent with the request, or null for none
     * @param expect  the status codes that count as success; empty means any 2xx
     * @param timeout for the response, or null for none (the task's own timeout still applies)
     */
    record Http(String method, String url, Map<String, String> headers, String body, List<Integer> expect,
                Duration timeout) implements TaskBody, Serializable {
        /** The methods an HTTP task may use. */
        public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

        /** @throws RuleException for an unknown method or a status that is not one */
        public Http {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(url, "url");
            if (!METHODS.contains(method)) {
                throw new RuleException("method", Suggestions.unknown("http method", method, METHODS));
            }
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            expect = List.copyOf(expect);
            for (int i = 0; i < expect.size(); i++) {
                if (expect.get(i) < 100 || expect.get(i) > 599) {
                    throw new RuleException("expect." + i, "http expect must be a status code from 100 to 599, got "
                            + expect.get(i));
                }
            }
        }

        @Override
        public Map<String, String> texts() {
            Map<String, String> texts = new LinkedHashMap<>();
            texts.put("url", url);
            headers.forEach((name, value) -> texts.put("headers." + name, value));
            if (body != null) {
                texts.put("body", body);
            }
            return texts;
        }
    }

    /**
     * A script in JavaScript or Python, run by GraalVM Polyglot in a sandbox unless {@code allow} grants more.
     *
     * @param language "js", "javascript", "python" or "py" (the fronts check the name)
     * @param code     the script's text: inline, or read from {@code file} when the job was loaded
     * @param codeAt   where line 1 of {@code code} is: in the job file, or line 1 of the script file
     * @param file     the script file as the job names it, or null for inline code
     * @param call     the function to call after the script ran, or null to take the script's last value
     * @param args     the call's arguments; a string that is one {@code ${...}} alone passes its value
     * @param allow    access beyond the sandbox: "files", "network", "environment", "processes", "host-classes"
     * @param params   the job's parameters, which the script sees as {@code params}, each a value of its type
     */
    record Script(String language, String code, SourcePosition codeAt, String file, String call, List<Object> args,
                  List<String> allow, Map<String, Object> params) implements TaskBody {
        /** @throws RuleException for a call that is not a function's name, or arguments without a call */
        public Script {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(codeAt, "codeAt");
            if (call != null && !call.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                throw new RuleException("call", "script call must name a function, e.g. count_primes; got '" + call
                        + "'");
            }
            // NOTE: arguments may be null (None), which List.copyOf rejects.
            args = Collections.unmodifiableList(new ArrayList<>(args));
            if (call == null && !args.isEmpty()) {
                throw new RuleException("args", "script args need call: the function to pass them to");
            }
            allow = List.copyOf(allow);
            params = Map.copyOf(params);
        }

        /** The arguments that are text with expressions, evaluated before each attempt. */
        @Override
        public Map<String, String> templates() {
            Map<String, String> templates = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) instanceof String text && Template.hasExpressions(text)) {
                    templates.put("args." + i, text);
                }
            }
            return templates;
        }

        /** Whether the job granted this script access beyond the sandbox; the report says so. */
        public boolean extraAccess() {
            return !allow.isEmpty();
        }
    }

    /**
     * A shell or HTTP body whose text holds {@code ${...}} expressions ({@code ${item}}, {@code ${results.x}},
     * {@code ${params.x}}), rendered before each attempt; see {@code io.jobrun.job.expr.Template}.
     *
     * @param params the job's parameters, which {@code ${params.x}} reads
     */
    record Templated(TaskBody body, Map<String, String> params) implements TaskBody {
        public Templated {
            Objects.requireNonNull(body, "body");
            if (!(body instanceof Shell || body instanceof Http)) {
                throw new IllegalArgumentException("only shell and http bodies hold expressions, got " + body);
            }
            params = Map.copyOf(params);
        }

        /** {@code body} to be rendered per attempt when one of its texts holds an expression, else as it is. */
        public static TaskBody ifNeeded(TaskBody body, Map<String, String> params) {
            boolean hasExpressions = body.texts().values().stream().anyMatch(Template::hasExpressions);
            return hasExpressions ? new Templated(body, params) : body;
        }

        @Override
        public Map<String, String> templates() {
            return body.texts();
        }

        @Override
        public TaskBody untemplated() {
            return body;
        }
    }

    /**
     * The body of a task kind added through a registry: it runs itself, in this JVM or, when it can be sent, in a
     * worker process.
     */
    non-sealed interface Custom extends TaskBody {
        /** The kind's name, for plans: "sample". */
        String kind();

        /** Runs one attempt. */
        Object run(TaskContext context) throws Exception;
    }
}
