package io.jobrun.cluster;

import java.security.SecureRandom;

/** A runner's random 128-bit name for the submissions of one executor; with a counter it names each submission. */
record SessionId(long high, long low) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static SessionId random() {
        return new SessionId(RANDOM.nextLong(), RANDOM.nextLong());
    }
}
