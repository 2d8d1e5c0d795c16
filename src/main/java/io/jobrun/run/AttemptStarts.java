package io.jobrun.run;

/**
 * Which {@link RunEvent.AttemptStarted} events a listener is given ({@link RunListener#attemptStarts}), in the order of
 * how many: a run makes the starts that its most demanding listener takes, and no more.
 */
public enum AttemptStarts {
    /** None: it reads tasks as they end, with their attempts. */
    NONE,
    /**
     * The starts of attempts still running when the listeners' thread next delivers (every
     * {@link EventDispatcher#BATCH_MILLIS} ms): what runs now, and what was running when a run stopped. The start of
     * an attempt that ended by then is never delivered.
     */
    STILL_RUNNING,
    /** Every attempt's start. */
    EVERY
}
