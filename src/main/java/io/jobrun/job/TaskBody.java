package io.jobrun.job;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a task does. One record per kind; {@code io.jobrun.task} knows how to run each. Shell and HTTP bodies are
 * data, and serializable, so that a worker process can run them.
 */
public sealed interface TaskBody {

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
        public Shell {
            Objects.requireNonNull(command, "command");
            if (command.isBlank()) {
                throw new IllegalArgumentException("a shell task needs a command");
            }
            env = Map.copyOf(env);
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

        public Http {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(url, "url");
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("unknown HTTP method '" + method + "' (expected one of "
                        + String.join(", ", METHODS) + ")");
            }
            headers = Map.copyOf(headers);
            expect = List.copyOf(expect);
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
     * @param params   the job's parameters, which the script sees as {@code params}
     */
    record Script(String language, String code, SourcePosition codeAt, String file, String call, List<Object> args,
                  List<String> allow, Map<String, String> params) implements TaskBody {
        public Script {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(codeAt, "codeAt");
            if (call != null && !call.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                throw new IllegalArgumentException("a script's call must name a function, got '" + call + "'");
            }
            // NOTE: arguments may be null (None), which List.copyOf rejects.
            args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
            if (call == null && !args.isEmpty()) {
                throw new IllegalArgumentException("script args need call: the function to pass them to");
            }
            allow = List.copyOf(allow);
            params = Map.copyOf(params);
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
    }
}
