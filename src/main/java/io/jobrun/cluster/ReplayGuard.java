package io.jobrun.cluster;

import java.time.Duration;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A member's memory of the submissions it accepted, so that a signed submission captured on the network cannot be
 * run a second time: each runner session has a sliding window of the counters seen (IPsec's anti-replay window), and
 * a submission older than {@link #MAX_AGE} is refused outright, which bounds how long the windows must be kept.
 */
final class ReplayGuard {
    /** How far a submission's issue time may lie from this member's clock, either way. */
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** Counters this far below the highest one seen are refused; a runner has far fewer than this in flight. */
    static final int WINDOW = 1 << 16;

    private final Map<SessionId, Window> sessions = new LinkedHashMap<>(16, 0.75f, true);

    /** A session's highest counter and which of the {@link #WINDOW} counters below it were seen. */
    private static final class Window {
        long highest = -1;
        final BitSet seen = new BitSet(WINDOW);
        long lastUsedMillis;
    }

    /** Why {@code submission} must be refused as a replay or as stale, or empty when it is fresh; records it. */
    synchronized Optional<String> admit(Submission submission, long nowMillis) {
        if (Math.abs(nowMillis - submission.issuedAtMillis) > MAX_AGE.toMillis()) {
            return Optional.of("it was issued " + (nowMillis - submission.issuedAtMillis) / 1000 + " s from this "
                    + "member's clock, more than " + MAX_AGE.toMinutes() + " minutes (a replay, or clocks apart)");
        }
        forgetIdle(nowMillis);
        Window window = sessions.computeIfAbsent(submission.session(), ignored -> new Window());
        window.lastUsedMillis = nowMillis;
        long counter = submission.counter;
        if (counter < 0 || counter <= window.highest - WINDOW) {
            return Optional.of("its counter " + counter + " is older than this member remembers (a replay)");
        }
        if (counter > window.highest) {
            // the counters entering the window reuse the slots of those leaving it
            if (counter - window.highest >= WINDOW) {
                window.seen.clear();
            } else {
                for (long c = window.highest + 1; c <= counter; c++) {
                    window.seen.clear(slot(c));
                }
            }
            window.highest = counter;
        } else if (window.seen.get(slot(counter))) {
            return Optional.of("this member already ran it (a replay)");
        }
        window.seen.set(slot(counter));
        return Optional.empty();
    }

    private static int slot(long counter) {
        return (int) (counter % WINDOW);
    }

    /** Sessions unused for longer than twice {@link #MAX_AGE} can only send stale submissions now. */
    private void forgetIdle(long nowMillis) {
        Iterator<Window> windows = sessions.values().iterator();
        while (windows.hasNext()) {
            Window oldest = windows.next(); // access order: the least recently used come first
            if (nowMillis - oldest.lastUsedMillis <= 2 * MAX_AGE.toMillis()) {
                return;
            }
            windows.remove();
        }
    }
}
