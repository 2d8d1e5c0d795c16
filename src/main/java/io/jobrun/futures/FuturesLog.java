package io.jobrun.futures;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logger of this package, looked up when there is something to log. NOTE: not kept in a constant of each class:
 * slf4j's set-up looks for its settings file in every jar of the class path, 12 ms of a run's start, and a run that
 * goes well logs nothing.
 */
final class FuturesLog {
    private FuturesLog() {
    }

    static Logger get() {
        return LoggerFactory.getLogger("io.jobrun.futures");
    }
}
