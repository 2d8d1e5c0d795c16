package io.jobrun.cluster;

/** What happens to a task whose member leaves while it runs. */
public enum OnLoss {
    /** Run it again on another member; its retries are not used up (at-least-once). */
    RESUBMIT,
    /** Fail it with a {@link ClusterException}: its effect must not happen twice ({@code once: true}). */
    FAIL
}
