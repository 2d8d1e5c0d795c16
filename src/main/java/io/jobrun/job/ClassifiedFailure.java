package io.jobrun.job;

/** A failure that answers retry conditions beyond its class name, e.g. an HTTP status for "http-5xx". */
public interface ClassifiedFailure {
    /** Whether this failure is what {@code condition} (one of {@link RetryPolicy#CONDITIONS}) names. */
    boolean matches(String condition);
}
