package io.jobrun.cluster;

/**
 * Hears where each try of a task is sent: its first member, and after a member left while the task ran there, the
 * member it runs on now (for the run's report: "attempt 2 on 10.0.0.7:5701 after 10.0.0.8:5701 left").
 */
@FunctionalInterface
public interface Dispatches {
    /**
     * @param attempt  the number of this try, 1 for the first
     * @param member   where it runs now, "host:port"
     * @param lostWith where the try before ran, a member that left while it ran; null for the first try
     */
    void sent(int attempt, String member, String lostWith);

    Dispatches NONE = (attempt, member, lostWith) -> {
    };
}
