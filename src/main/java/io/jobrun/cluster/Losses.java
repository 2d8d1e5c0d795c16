package io.jobrun.cluster;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;

/**
 * Which failures of an invocation mean "the member is gone", not "the task failed". Measured: a client sees
 * {@link TargetDisconnectedException} about 150 ms after a member is killed, a member sees
 * {@link MemberLeftException}; a member that left before the call went out gives {@link TargetNotMemberException};
 * a member shutting down answers {@link HazelcastInstanceNotActiveException}. A client that lost every connection
 * and is reconnecting refuses calls with {@link HazelcastClientOfflineException}: those never left it, and say
 * nothing of the member they were for.
 */
final class Losses {
    private Losses() {
    }

    static boolean memberLost(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MemberLeftException || t instanceof TargetDisconnectedException
                    || t instanceof TargetNotMemberException || t instanceof HazelcastInstanceNotActiveException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the call never left this client, for want of a connection to any member. */
    static boolean neverSent(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HazelcastClientOfflineException) {
                return true;
            }
        }
        return false;
    }
}
