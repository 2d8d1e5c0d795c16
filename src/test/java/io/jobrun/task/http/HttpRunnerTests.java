package io.jobrun.task.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.job.TaskBody;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HttpRunnerTests {
    @Test
    void theTimeoutFiresOnTheTasksThreadEvenWhenTheClientNeverAnswers() {
        // A client whose selector thread died (an OutOfMemoryError elsewhere) completes nothing and times out
        // nothing: this one stands for it.
        Silent client = new Silent();
        TaskBody.Http http = new TaskBody.Http("GET", "http://127.0.0.1:9/x", Map.of(), null, List.of(),
                Duration.ofMillis(100));
        HttpFailedException failure = assertThrows(HttpFailedException.class, () -> HttpRunner.run(http, () -> client));
        assertEquals("GET http://127.0.0.1:9/x failed: no response within 100ms", failure.getMessage());
        assertTrue(client.response.isCancelled(), "the request was cancelled");
        assertTrue(client.shutDown, "the client was shut down");
    }

    @Test
    void aUrlMadeFromValuesThatIsNoUrlFailsTheRequestBeforeAnyClientIsMade() {
        TaskBody.Http http = new TaskBody.Http("GET", "http://a b/", Map.of(), null, List.of(), null);
        HttpFailedException failure = assertThrows(HttpFailedException.class, () -> HttpRunner.run(http, () -> {
            throw new AssertionError("no client for a request that cannot be sent");
        }));
        assertEquals("GET http://a b/ failed: not a valid URL (Illegal character in authority at index 8)",
                failure.getMessage());
    }

    @Test
    void onlyHttpAndHttpsAddressesAreRequests() {
        assertEquals("not an http or https URL", HttpRunner.urlProblem("ftp://host/file"));
        assertEquals("not an http or https URL", HttpRunner.urlProblem("/relative/path"));
        assertEquals(null, HttpRunner.urlProblem("HTTPS://host/path?q=1"));
    }

    @Test
    void aFailureMatchesRetryConditionsThatNameItsCause() {
        HttpFailedException failure = new HttpFailedException("GET", "http://x/", "connection refused",
                new java.net.ConnectException());
        assertTrue(failure.matches("ConnectException"));
        assertTrue(failure.matches("SocketException"), "a superclass of the cause");
        assertTrue(!failure.matches("SSLException"));
    }

    /** A client that never completes a request. */
    private static final class Silent extends HttpClient {
        final CompletableFuture<HttpResponse<Object>> response = new CompletableFuture<>();
        volatile boolean shutDown;

        @Override
        @SuppressWarnings("unchecked")
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                                HttpResponse.BodyHandler<T> handler) {
            return (CompletableFuture<HttpResponse<T>>) (CompletableFuture<?>) response;
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> push) {
            return sendAsync(request, handler);
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            throw new UnsupportedOperationException("the runner sends asynchronously");
        }

        @Override
        public void shutdownNow() {
            shutDown = true;
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return Optional.empty();
        }

        @Override
        public Redirect followRedirects() {
            return Redirect.NORMAL;
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return Optional.empty();
        }

        @Override
        public SSLContext sslContext() {
            return null;
        }

        @Override
        public SSLParameters sslParameters() {
            return null;
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return Optional.empty();
        }

        @Override
        public Version version() {
            return Version.HTTP_1_1;
        }

        @Override
        public Optional<Executor> executor() {
            return Optional.empty();
        }
    }
}
