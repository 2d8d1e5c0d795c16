package io.jobrun.cluster;

import com.hazelcast.cluster.Member;

/** A member as an executor sees it: how many of its slots this executor's tasks hold. Guarded by the executor's lock. */
final class MemberSlots {
    final Member member;
    final String address;
    final int slots;
    int inFlight;
    /**
     * Until when no work goes there: a call to it failed as if it had left (its connection closed, it shuts down),
     * and the membership event that removes it usually follows within a second. If none does, it gets work again.
     */
    boolean suspect;
    /** Meaningful while {@link #suspect}. */
    long suspectUntilNanos;

    MemberSlots(Member member, int slots) {
        this.member = member;
        this.address = ClusterMember.describe(member);
        this.slots = slots;
    }

    int free(long nowNanos) {
        return suspect && nowNanos - suspectUntilNanos < 0 ? 0 : slots - inFlight;
    }
}
