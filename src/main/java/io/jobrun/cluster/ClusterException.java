package io.jobrun.cluster;

/**
 * A task could not be run on the cluster: no member came within the wait, a member refused it (another secret),
 * its member left while it ran and it must not run twice, or an answer was not signed. The message says which.
 */
public class ClusterException extends RuntimeException {
    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
