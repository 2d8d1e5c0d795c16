package io.jobrun.task.http;

import io.jobrun.job.Durations;
import io.jobrun.job.TaskBody;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs an HTTP task with the JDK's HttpClient: one request, redirects followed, the status checked against the
 * expected ones. An interrupt (time limit, halt, Ctrl-C) cancels the request.
 *
 * <p>NOTE: the task's thread keeps the {@code timeout:} itself, waiting for the whole response. The client keeps its
 * own timeouts on its selector thread, and a selector killed by an OutOfMemoryError (another task filled the heap)
 * never completes nor times out the request it was serving.
 */
public final class HttpRunner {
    /** Keep at most this much of a body for {@code ${results.x.body}}; the size counts it all. */
    private static final int MAX_BODY_BYTES = 1 << 20;

    private HttpRunner() {
    }

    /**
     * Sends the request and waits for the whole response.
     *
     * @throws HttpStatusException when the status is not one of those expected
     * @throws HttpFailedException when there is no response (refused, unknown host, TLS, timed out), saying why
     */
    public static HttpResult run(TaskBody.Http http) throws HttpFailedException, InterruptedException {
        return run(http, HttpRunner::newClient);
    }

    static HttpResult run(TaskBody.Http http, Supplier<HttpClient> clients)
            throws HttpFailedException, InterruptedException {
        URI uri = uri(http);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        http.headers().forEach(request::header);
        HttpRequest.BodyPublisher body = http.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(http.body(), StandardCharsets.UTF_8);
        request.method(http.method(), body);
        // NOTE: one client per request, shut down after it, so no selector thread outlives the task, and a selector
        // that died does not take later requests with it.
        HttpClient client = clients.get();
        try {
            HttpResponse<BoundedBody> response = await(http, uri,
                    client.sendAsync(request.build(), BoundedBody.handler(MAX_BODY_BYTES)));
            boolean expected = http.expect().isEmpty() ? response.statusCode() / 100 == 2
                    : http.expect().contains(response.statusCode());
            if (!expected) {
                throw new HttpStatusException(http.method(), http.url(), response.statusCode(), http.expect());
            }
            BoundedBody received = response.body();
            return new HttpResult(http.method(), http.url(), response.statusCode(), received.size(),
                    new String(received.kept(), StandardCharsets.UTF_8));
        } finally {
            client.shutdownNow();
        }
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The response, within the task's {@code timeout:} when it has one; on an interrupt the request is cancelled. */
    private static <T> HttpResponse<T> await(TaskBody.Http http, URI uri, CompletableFuture<HttpResponse<T>> response)
            throws HttpFailedException, InterruptedException {
        try {
            return http.timeout() == null ? response.get()
                    : response.get(http.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new HttpFailedException(http.method(), http.url(), "no response within "
                    + Durations.describe(http.timeout()), e);
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            throw new HttpFailedException(http.method(), http.url(), FailureReasons.of(failure, uri), failure);
        }
    }

    /** The request's address, once its URL is known to be one ({@link #urlProblem}). */
    private static URI uri(TaskBody.Http http) throws HttpFailedException {
        String problem = urlProblem(http.url());
        if (problem != null) {
            throw new HttpFailedException(http.method(), http.url(), problem, null);
        }
        return URI.create(http.url());
    }

    /**
     * What is wrong with {@code url} as a request's address, or null when nothing is: the kind checks a URL written
     * without {@code ${...}} with it when the file is read, the runner one made from values before sending.
     */
    static String urlProblem(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                    || uri.getScheme().equalsIgnoreCase("https")) ? "not an http or https URL" : null;
        } catch (URISyntaxException e) {
            return "not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")";
        }
    }
}
