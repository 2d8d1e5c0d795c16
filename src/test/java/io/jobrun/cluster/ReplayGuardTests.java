package io.jobrun.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayGuardTests {
    private static final long NOW = 1_000_000_000L;
    private final ReplayGuard guard = new ReplayGuard();
    private final SessionId session = SessionId.random();

    private Optional<String> admit(long counter) {
        Submission submission = new Submission();
        submission.sessionHigh = session.high();
        submission.sessionLow = session.low();
        submission.counter = counter;
        submission.issuedAtMillis = NOW;
        return guard.admit(submission, NOW);
    }

    @Test
    void everyCounterIsAdmittedOnceInWhateverOrderItArrives() {
        for (long counter : new long[] {5, 3, 4, 0, 1, 2, 9}) {
            assertEquals(Optional.empty(), admit(counter), "first time " + counter);
        }
        for (long counter : new long[] {0, 3, 9}) {
            assertEquals(Optional.of("this member already ran it (a replay)"), admit(counter));
        }
    }

    @Test
    void countersTooFarBelowTheHighestAreRefused() {
        assertEquals(Optional.empty(), admit(10));
        assertEquals(Optional.empty(), admit(10 + ReplayGuard.WINDOW));
        assertTrue(admit(10).orElseThrow().contains("older than this member remembers"));
        assertEquals(Optional.empty(), admit(11), "a counter inside the window that was never seen");
    }

    @Test
    void aJumpPastTheWholeWindowForgetsWhatWasSeenBelowIt() {
        assertEquals(Optional.empty(), admit(1));
        assertEquals(Optional.empty(), admit(3 * ReplayGuard.WINDOW + 1), "slot of 1 reused");
        assertEquals(Optional.of("this member already ran it (a replay)"), admit(3 * ReplayGuard.WINDOW + 1));
    }
}
