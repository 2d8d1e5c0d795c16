package io.jobrun.task.http;

import io.jobrun.job.ClassifiedFailure;
import java.util.List;

/** An HTTP task got a status it did not expect; retries may select it with "http-4xx" or "http-5xx". */
public class HttpStatusException extends RuntimeException implements ClassifiedFailure {
    private final int status;

    public HttpStatusException(String method, String url, int status, List<Integer> expected) {
        super(method + " " + url + " returned " + status + " (expected " + (expected.isEmpty() ? "2xx"
                : expected.size() == 1 ? String.valueOf(expected.get(0))
                : "one of " + String.join(", ", expected.stream().map(String::valueOf).toList())) + ")");
        this.status = status;
    }

    public int status() {
        return status;
    }

    @Override
    public boolean matches(String condition) {
        return condition.equals("http-4xx") && status >= 400 && status < 500
                || condition.equals("http-5xx") && status >= 500 && status < 600;
    }
}
