package io.jobrun.cluster;

import io.jobrun.futures.Future;
import io.jobrun.futures.TimeLimits;
import java.time.Duration;

/**
 * One task on its way through a {@link ClusterExecutor}: serialized once when submitted, then sent to one member
 * after another until one answers. Fields other than the finals are guarded by the executor's lock.
 */
final class ClusterCall {
    final Future<Object> future;
    /** The task, serialized by the submitting thread. */
    final byte[] payload;
    /** Null for no limit. */
    final Duration timeLimit;
    final OnLoss onLoss;
    final Dispatches dispatches;

    /** How many times it was sent; the attempt number of the current dispatch. */
    int attempts;
    /** Where it runs now, or null while it waits. */
    MemberSlots member;
    /** The counter of the current dispatch: an answer to an earlier one is stale. */
    long dispatch = -1;
    /** Hazelcast's future of the current dispatch, for cancelling it on the member. */
    java.util.concurrent.Future<Answer> remote;
    /** The member an earlier attempt was lost with, to report with the next dispatch; null otherwise. */
    String leftMember;
    /** Fails the call if its member neither answers nor leaves well after its time limit. */
    TimeLimits.Alarm backstop;
    /** When it began waiting for a member while none was there, for the member wait; -1 while it need not wait. */
    long waitingSinceNanos = -1;

    ClusterCall(Future<Object> future, byte[] payload, Duration timeLimit, OnLoss onLoss, Dispatches dispatches) {
        this.future = future;
        this.payload = payload;
        this.timeLimit = timeLimit;
        this.onLoss = onLoss;
        this.dispatches = dispatches;
    }

    @Override
    public String toString() {
        return "ClusterCall[attempt " + attempts + (member == null ? "" : " on " + member.address) + "]";
    }
}
