package io.jobrun.cli;

import static io.jobrun.cli.LocalHttpServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP tasks in both syntaxes, against a server on 127.0.0.1 that each test starts and stops. */
class YamlHttpTaskTests {
    @TempDir
    Path temp;

    private LocalHttpServer server;
    private String base;
    private final AtomicInteger flakyCalls = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = new LocalHttpServer().route("/status/", exchange -> {
            int status = Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length()));
            reply(exchange, status, "status " + status);
        }).route("/echo", exchange -> reply(exchange, 200, exchange.getRequestMethod() + " token="
                + exchange.getRequestHeaders().getFirst("X-Token") + " body="
                + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))).route("/flaky",
                exchange -> {
                    int call = flakyCalls.incrementAndGet();
                    reply(exchange, call <= 2 ? 503 : 200, "call " + call);
                });
        base = server.base();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private CliRun run(String name, String text, String... extra) throws IOException {
        Path file = Files.writeString(temp.resolve(name), text);
        String[] args = new String[extra.length + 3];
        args[0] = file.toString();
        args[1] = "-p";
        args[2] = "base=" + base;
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CliRun.of(args);
    }

    private static void assertRow(String stdout, String task, String status, int attempts, String result) {
        Pattern row = Pattern.compile("(?m)^\\S*\\s*" + Pattern.quote(task) + "\\s+\\S+\\s+" + status + "\\s+"
                + attempts + "\\s+\\S+\\s+" + Pattern.quote(result) + ".*$");
        assertTrue(row.matcher(stdout).find(), () -> "no row " + task + " " + status + " " + result + " in:\n"
                + stdout);
    }

    private static final String CHECK_YAML = """
            params: { base: "http://127.0.0.1:1" }
            executors:
              io: { threads: 4 }
            tasks:
              check:
                on: io
                foreach: [/status/200, /status/404]
                http: { get: "${params.base}${item}", expect: 200, timeout: 5s }
            """;

    private static final String CHECK_GROOVY = """
            params base: 'http://127.0.0.1:1'
            executor 'io', threads(4)
            map 'check', over: ['/status/200', '/status/404'], on: 'io', \
            http(get: '${params.base}${item}', expect: 200, timeout: '5s')
            """;

    @Test
    void yamlHttpTaskReportsStatusAndSizeAndFailsOnAnUnexpectedStatus() throws IOException {
        CliRun run = run("check.yaml", CHECK_YAML, "--no-emoji");
        assertEquals(1, run.exitCode(), run.stderr());
        assertRow(run.stdout(), "check[/status/200]", "ok", 1, "200, 10 bytes");
        assertRow(run.stdout(), "check[/status/404]", "failed", 1, "GET " + base);
        assertTrue(run.stdout().contains("    error: GET " + base
                + "/status/404 returned 404 (expected 200)\n"), run.stdout());
    }

    @Test
    void groovyHttpTaskDoesTheSameAsItsYamlTwin() throws IOException {
        CliRun yaml = run("check.yaml", CHECK_YAML);
        CliRun groovy = run("check.groovy", CHECK_GROOVY);
        assertEquals(yaml.exitCode(), groovy.exitCode(), groovy.stderr());
        // NOTE: only the place a task was defined differs: a line and column of each file.
        String place = "check\\.(yaml|groovy):\\d+:\\d+";
        assertEquals(yaml.stdout().replaceAll(place, "check"), groovy.stdout().replaceAll(place, "check"));
    }

    @Test
    void postSendsItsHeadersAndBodyAndLaterTasksReadTheResponse() throws IOException {
        CliRun run = run("post.yaml", """
                params: { base: "http://127.0.0.1:1", token: abc }
                tasks:
                  send:
                    http:
                      post: "${params.base}/echo"
                      headers: { X-Token: "${params.token}" }
                      body: hello
                  show:
                    after: send
                    shell: echo "got ${results.send.body} (${results.send.status})"
                """);
        assertEquals(0, run.exitCode(), run.stderr() + run.stdout());
        assertRow(run.stdout(), "send", "ok", 1, "200, 25 bytes");
        assertRow(run.stdout(), "show", "ok", 1, "got POST token=abc body=hello (200)");
    }

    @Test
    void a5xxIsRetriedWhenTheRetryPolicySaysHttp5xx() throws IOException {
        CliRun run = run("flaky.yaml", """
                params: { base: "set by -p" }
                tasks:
                  flaky:
                    http: { get: "${params.base}/flaky" }
                    retries: { count: 2, backoff: 10ms, on: [http-5xx] }
                """);
        assertEquals(0, run.exitCode(), run.stderr() + run.stdout());
        assertRow(run.stdout(), "flaky", "ok", 3, "200, 6 bytes");
    }

    @Test
    void a5xxIsNotRetriedWhenOnlyHttp4xxIs() throws IOException {
        CliRun run = run("flaky.yaml", """
                params: { base: "set by -p" }
                tasks:
                  flaky:
                    http: { get: "${params.base}/flaky" }
                    retries: { count: 2, on: [http-4xx] }
                """);
        assertEquals(1, run.exitCode());
        assertRow(run.stdout(), "flaky", "failed", 1, "GET " + base);
        assertTrue(run.stdout().contains("    error: GET " + base
                + "/flaky returned 503 (expected 2xx)\n"), run.stdout());
        assertEquals(1, flakyCalls.get());
    }

    @Test
    void theHttpTimeoutEndsARequestThatGetsNoAnswer() throws IOException {
        CliRun run = run("hang.yaml", """
                params: { base: "set by -p" }
                tasks:
                  hang:
                    http: { get: "${params.base}/hang", timeout: 200ms }
                """);
        assertEquals(1, run.exitCode());
        assertTrue(run.stdout().contains("    error: GET " + base + "/hang failed: no response within 200ms\n"),
                run.stdout());
    }
}
