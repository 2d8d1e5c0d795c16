package io.jobrun.cluster;

import io.jobrun.futures.Future;
import java.time.Duration;

/**
 * One task on its way through a {@link ClusterExecutor}: serialized once when submitted, then sent to one member
 * after another, in a {@link ClusterBatch} each time, until one answers. Fields other than the finals are guarded by
 * the executor's lock.
 */
final class ClusterCall {
    final Future<Object> future;
    /** The task, serialized by the submitting thread. */
    final byte[] payload;
    /** Null for no limit. */
    final Duration timeLimit;
    final OnLoss onLoss;
    final MemberPool pool;
    final Dispatches dispatches;

    /** How many times it was sent; the attempt number of the current dispatch. */
    int attempts;
    /** The dispatch it is in now, or null while it waits. */
    ClusterBatch batch;
    /** Whether its last dispatch never left this client, so the next one is the same attempt again. */
    boolean unsent;
    /** The member an earlier attempt was lost with, to report with the next dispatch; null otherwise. */
    String leftMember;
    /** When it began waiting for a member while none was there, for the member wait; -1 while it need not wait. */
    long waitingSinceNanos = -1;

    ClusterCall(Future<Object> future, byte[] payload, Duration timeLimit, OnLoss onLoss, MemberPool pool,
                Dispatches dispatches) {
        this.future = future;
        this.payload = payload;
        this.timeLimit = timeLimit;
        this.onLoss = onLoss;
        this.pool = pool;
        this.dispatches = dispatches;
    }

    @Override
    public String toString() {
        return "ClusterCall[attempt " + attempts + (batch == null ? "" : " on " + batch.member.address) + "]";
    }
}
