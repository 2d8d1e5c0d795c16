package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP tasks that get no response: the failure names the URL and the reason, in both syntaxes, and a body larger
 * than the heap neither fills it nor stops the other tasks' time limits.
 */
@Timeout(120)
class HttpFaultTests {
    /** The size of the body /huge sends: four times the forked JVM's heap. */
    private static final long HUGE = 256L << 20;

    @TempDir
    Path dir;

    private LocalHttpServer server;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        server = new LocalHttpServer().route("/huge", exchange -> {
            exchange.sendResponseHeaders(200, HUGE);
            byte[] block = new byte[1 << 16];
            try (OutputStream out = exchange.getResponseBody()) {
                for (long sent = 0; sent < HUGE; sent += block.length) {
                    out.write(block);
                }
            }
        });
        base = server.base();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aRefusedConnectionNamesTheUrlAndTheReasonAndTheErrorHasAMessageInBothSyntaxes() throws IOException {
        String url = "http://127.0.0.1:" + closedPort() + "/x";
        String expected = "GET " + url + " failed: connection refused";
        CliRun yaml = run("refused.yaml", """
                tasks:
                  fetch:
                    http: { get: "%s" }
                    on_failure: { print: "message: ${task.error.message}" }
                """.formatted(url));
        CliRun groovy = run("refused.groovy", """
                task 'fetch', http(get: '%s'), onFailure: { t -> println "message: ${t.error.message}" }
                """.formatted(url));
        for (CliRun run : new CliRun[] {yaml, groovy}) {
            assertEquals(1, run.exitCode(), run.stderr());
            assertTrue(run.stdout().startsWith("message: " + expected + "\n"), run.stdout());
            assertTrue(run.stdout().contains("\n    error: " + expected + "\n"), run.stdout());
        }
    }

    @Test
    void anUnknownHostIsSaidSo() throws IOException {
        CliRun run = run("dns.yaml", """
                tasks:
                  fetch:
                    http: { get: "http://no-such-host.invalid/x" }
                """);
        assertEquals(1, run.exitCode());
        assertTrue(run.stdout().contains("\n    error: GET http://no-such-host.invalid/x failed: unknown host "
                + "'no-such-host.invalid'\n"), run.stdout());
    }

    @Test
    void aTlsFailureIsSaidSo() throws Exception {
        // a real TLS server whose certificate nobody trusts: the client refuses it in the handshake. NOTE: not a
        // server that answers in plain HTTP: the JDK's client then missed the answer now and then (about 1 try in
        // 100 in a cold JVM) and waited out the task's timeout instead of failing.
        SSLContext untrusted = untrustedServerContext();
        try (SSLServerSocket server = (SSLServerSocket) untrusted.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            Thread handshaking = Thread.ofVirtual().start(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake(); // the client aborts it: no certificate of ours will do
                } catch (IOException e) {
                    // the handshake the client refused: what the test is about
                }
            });
            String url = "https://127.0.0.1:" + server.getLocalPort() + "/";
            CliRun run = run("tls.yaml", """
                    tasks:
                      fetch:
                        http: { get: "%s", timeout: 30s }
                    """.formatted(url));
            handshaking.join();
            assertEquals(1, run.exitCode());
            assertTrue(Pattern.compile("\n    error: GET " + Pattern.quote(url) + " failed: TLS failed: \\S.*\n")
                    .matcher(run.stdout()).find(), run.stdout());
        }
    }

    /** A server's TLS context with a self-signed certificate, made by the JDK's keytool for this test. */
    private SSLContext untrustedServerContext() throws Exception {
        Path store = dir.resolve("untrusted.p12");
        char[] password = "untrusted".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "untrusted", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=untrusted.invalid", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(password), "-keypass", new String(password)).redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void aTimeoutNamesTheUrlAndTheLimit() throws IOException {
        CliRun run = run("slow.yaml", """
                tasks:
                  fetch:
                    http: { get: "%s/hang", timeout: 200ms }
                """.formatted(base));
        assertEquals(1, run.exitCode());
        assertTrue(run.stdout().contains("\n    error: GET " + base + "/hang failed: no response within 200ms\n"),
                run.stdout());
    }

    @Test
    void aBodyFourTimesTheHeapIsCountedNotKeptAndAnotherRequestStillTimesOut() throws Exception {
        // Before: the whole body was read into one array; the heap filled, the HttpClient's selector threads died
        // of OutOfMemoryError, and both requests hung for ever, the 2s timeout included.
        Path job = Files.writeString(dir.resolve("huge.yaml"), """
                executors:
                  two: { threads: 2 }
                tasks:
                  huge:
                    on: two
                    http: { get: "%s/huge" }
                  slow:
                    on: two
                    http: { get: "%s/hang", timeout: 2s }
                """.formatted(base, base));
        ForkedJobrun jobrun = ForkedJobrun.start(dir, Map.of("JOBRUN_JAVA_OPTS", "-Xmx64m"), job.toString(),
                "--no-emoji", "--quiet");
        try {
            assertTrue(jobrun.awaitExit(90), "jobrun hung");
            assertEquals(1, jobrun.process().exitValue(), jobrun::stderr);
            assertEquals("", jobrun.stderr());
            String stdout = jobrun.stdout();
            assertTrue(stdout.startsWith("\n2 tasks: 1 ok, 1 failed\n"), stdout);
            assertTrue(stdout.contains("\n    error: GET " + base + "/hang failed: no response within 2s\n"), stdout);
        } finally {
            jobrun.destroy();
        }
    }

    @Test
    void theHugeBodysSizeIsItsWholeLength() throws IOException {
        CliRun run = run("size.yaml", """
                tasks:
                  huge:
                    http: { get: "%s/huge" }
                """.formatted(base));
        assertEquals(0, run.exitCode(), run.stdout());
        assertTrue(run.stdout().contains("200, " + HUGE + " bytes"), run.stdout());
    }

    private CliRun run(String name, String text) throws IOException {
        return CliRun.of(Files.writeString(dir.resolve(name), text).toString(), "--no-emoji");
    }

    /** A port nothing listens on: one the OS just gave out and took back. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
