package io.jobrun.run;

/** The run's clock; tests freeze it so that reports print the same durations every time. */
@FunctionalInterface
public interface Ticker {
    Ticker SYSTEM = System::nanoTime;

    /** A clock that never moves: every duration is zero. */
    Ticker FROZEN = () -> 0L;

    long nanos();
}
