package io.jobrun.task.http;

import io.jobrun.job.ClassifiedFailure;
import java.io.IOException;

/**
 * An HTTP task got no response: "GET http://127.0.0.1:1/ failed: connection refused". The message always names the
 * request and the reason; the JDK's own exception, whose message is often null, is the cause.
 */
public class HttpFailedException extends IOException implements ClassifiedFailure {
    public HttpFailedException(String method, String url, String reason, Throwable cause) {
        super(method + " " + url + " failed: " + reason, cause);
    }

    /**
     * Retry conditions name exceptions by their simple name ({@code on: [ConnectException]}); the JDK's exception is
     * the cause here, so its name (or a superclass's) matches as well.
     */
    @Override
    public boolean matches(String condition) {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (type.getSimpleName().equals(condition)) {
                    return true;
                }
            }
        }
        return false;
    }
}
