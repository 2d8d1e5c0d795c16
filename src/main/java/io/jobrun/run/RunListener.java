package io.jobrun.run;

/**
 * Something that watches a run: the summary, the progress line, a report file. Every listener of a run is called on
 * one dispatcher thread, one event at a time, in the order the events were published, never on a worker thread; the
 * run returns once every listener has seen {@link RunEvent.JobFinished}. A listener that throws becomes a
 * {@link RunEvent.Warning} for the others, and neither the exit code nor the delivery of later events changes.
 *
 * <p>The one exception to one thread: listeners that {@link #endsOnItsOwn() end on their own} and are registered next
 * to each other are given {@link RunEvent.JobFinished} at once, each on a thread of its own.
 */
@FunctionalInterface
public interface RunListener {
    void onEvent(RunEvent event);

    /**
     * Whether its handling of {@link RunEvent.JobFinished} needs nothing from the listeners registered next to it,
     * as a report file written from its own state does; such neighbours finish at the same time, which at the end of
     * a large run is most of the time the run waits for its reports. What one of them throws then reaches the others
     * as a warning after their end; a listener that needs it before (in its end) says false, and is given the end
     * after them.
     */
    default boolean endsOnItsOwn() {
        return false;
    }

    /**
     * Which {@link RunEvent.AttemptStarted} it is given, half the events of a run of short tasks: a listener that reads
     * only how tasks ended takes none, and is not called 100,000 times for nothing by a fan-out of 100,000 items; one
     * that shows or records what runs takes those of attempts still running. A run makes only the starts that its
     * most demanding listener takes: none at all, or, without one that takes every start, each held by its worker
     * until the listeners' thread takes it or the attempt's end makes it moot ({@link EventDispatcher#hold}).
     */
    default AttemptStarts attemptStarts() {
        return AttemptStarts.EVERY;
    }
}
