package io.jobrun.task.http;

import io.jobrun.job.TaskBody;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Runs an HTTP task with the JDK's HttpClient: one request, redirects followed, the status checked against the
 * expected ones. An interrupt (time limit, halt, Ctrl-C) cancels the request.
 */
public final class HttpRunner {
    /** Keep at most this much of a body as text for {@code ${results.x.body}}; the size counts it all. */
    private static final int MAX_BODY_CHARS = 1 << 20;

    private HttpRunner() {
    }

    /**
     * Sends the request and waits for the whole response.
     *
     * @throws HttpStatusException when the status is not one of those expected
     * @throws IOException         when there is no response (refused, reset, timed out)
     */
    public static HttpResult run(TaskBody.Http http) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(http.url()));
        http.headers().forEach(request::header);
        HttpRequest.BodyPublisher body = http.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(http.body(), StandardCharsets.UTF_8);
        request.method(http.method(), body);
        if (http.timeout() != null) {
            request.timeout(http.timeout());
        }
        // NOTE: one client per request, closed after it, so no selector thread outlives the task.
        try (HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()) {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] bytes = response.body() == null ? new byte[0] : response.body();
            boolean expected = http.expect().isEmpty() ? response.statusCode() / 100 == 2
                    : http.expect().contains(response.statusCode());
            if (!expected) {
                throw new HttpStatusException(http.method(), http.url(), response.statusCode(), http.expect());
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            return new HttpResult(http.method(), http.url(), response.statusCode(), bytes.length,
                    text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) : text);
        }
    }

    private static URI uri(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not an http or https URL: '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: '" + url + "' (" + e.getReason() + ")", e);
        }
    }
}
