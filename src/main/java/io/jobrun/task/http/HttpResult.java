package io.jobrun.task.http;

import io.jobrun.job.TextResult;
import io.jobrun.job.expr.ExpressionValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an HTTP task got back; reads "200, 1234 bytes" in the report, like the seeds' scraper.
 *
 * @param size the body's length in bytes
 */
public record HttpResult(String method, String url, int status, long size, String body)
        implements ExpressionValue, TextResult, java.io.Serializable {
    /** The body: a fan-out over an HTTP task takes its lines (a list of names, of URLs). */
    @Override
    public String text() {
        return body;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("status", status);
        properties.put("size", size);
        properties.put("body", body);
        properties.put("url", url);
        properties.put("method", method);
        return properties;
    }

    @Override
    public String toString() {
        return status + ", " + size + (size == 1 ? " byte" : " bytes");
    }
}
