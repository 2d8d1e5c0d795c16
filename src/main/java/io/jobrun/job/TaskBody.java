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
