package io.jobrun.run;

import java.time.Instant;

/**
 * The run's clock: every event's instant and every attempt's times are read from it. Tests freeze it so that
 * reports print the same durations every time.
 */
@FunctionalInterface
public interface Ticker {
    /**
     * The JVM's clock. NOTE: a class of its own, not {@code System::nanoTime}: a method reference in an interface's
     * constant is made afresh at every run's start (2-5 ms) where a class comes ready from the AOT cache.
     */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }
    };

    /** A clock that never moves: every duration is zero, and the run starts at the epoch. */
    Ticker FROZEN = new Ticker() {
        @Override
        public long nanos() {
            return 0L;
        }

        @Override
        public Instant wallClock() {
            return Instant.EPOCH;
        }
    };

    /** Nanoseconds from an arbitrary origin; only differences mean something. */
    long nanos();

    /** The wall-clock time now; the start event carries it so that reports can turn instants into dates. */
    default Instant wallClock() {
        return Instant.now();
    }
}
