package io.jobrun.cluster;

import io.jobrun.futures.TimeLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One dispatch of a {@link ClusterExecutor}: the calls sent to one member in one {@link Submission}, which run there
 * one after another in one of its slots. A single call when the queue is short; several small ones when it is deep,
 * so that a slot does not wait a round trip between tiny tasks. Each call keeps its own time limit there, and all of
 * them share the fate of the dispatch: answered together, lost with the member together, stopped together. Fields
 * other than the finals are guarded by the executor's lock.
 */
final class ClusterBatch {
    final MemberSlots member;
    /** The counter of its submission, signed into it. */
    final long dispatch;
    final MemberPool pool;
    final List<ClusterCall> calls = new ArrayList<>(1);
    /** Per call, the attempt it is on and the member an earlier attempt was lost with (or null): for the report. */
    final List<Integer> attempts = new ArrayList<>(1);
    final List<String> lostWith = new ArrayList<>(1);
    /** Hazelcast's future of the submission, for cancelling it on the member. */
    java.util.concurrent.Future<Answer> remote;
    /** Fails the calls if the member neither answers nor leaves well after their time limits. */
    TimeLimits.Alarm backstop;

    ClusterBatch(MemberSlots member, long dispatch, MemberPool pool) {
        this.member = member;
        this.dispatch = dispatch;
        this.pool = pool;
    }

    void add(ClusterCall call) {
        calls.add(call);
        attempts.add(call.attempts);
        lostWith.add(call.leftMember);
    }

    int size() {
        return calls.size();
    }

    /** How long its calls may run together, one after another: the sum of their limits; null if one has none. */
    Duration timeLimit() {
        Duration total = Duration.ZERO;
        for (ClusterCall call : calls) {
            if (call.timeLimit == null) {
                return null;
            }
            total = TimeLimits.plus(total, call.timeLimit);
        }
        return total;
    }

    long[] timeLimitsNanos() {
        long[] limits = new long[calls.size()];
        for (int i = 0; i < limits.length; i++) {
            Duration limit = calls.get(i).timeLimit;
            limits[i] = limit == null ? -1 : TimeLimits.nanos(limit);
        }
        return limits;
    }

    byte[][] payloads() {
        byte[][] payloads = new byte[calls.size()][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = calls.get(i).payload;
        }
        return payloads;
    }

    @Override
    public String toString() {
        return "ClusterBatch[" + calls.size() + " calls on " + member.address + "]";
    }
}
