package io.jobrun.futures.process;

/**
 * Stands in for an exception thrown in a worker whose own class could not be recreated in this JVM (it is missing,
 * or it or one of its fields is not serializable). It carries the remote class name, the message and the remote
 * stack trace; the remote cause, if any, is another {@code RemoteTaskException}.
 */
public class RemoteTaskException extends RuntimeException {
    /** The fully qualified name of the exception class thrown in the worker. */
    private final String remoteType;

    public RemoteTaskException(String remoteType, String remoteMessage) {
        super(remoteMessage == null ? remoteType : remoteType + ": " + remoteMessage);
        this.remoteType = remoteType;
    }

    public String remoteType() {
        return remoteType;
    }
}
