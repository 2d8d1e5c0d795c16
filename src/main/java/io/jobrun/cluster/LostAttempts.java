package io.jobrun.cluster;

/** Hears when a task's attempt was lost with its member and sent to another (for the run's report). */
@FunctionalInterface
public interface LostAttempts {
    /**
     * @param attempt    the number of the attempt that now starts (2 after the first was lost)
     * @param member     where it runs now, "host:port"
     * @param leftMember where the lost attempt ran, "host:port"
     */
    void resubmitted(int attempt, String member, String leftMember);

    LostAttempts NONE = (attempt, member, leftMember) -> {
    };
}
