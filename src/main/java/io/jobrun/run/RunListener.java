package io.jobrun.run;

/**
 * Something that watches a run: the summary, the progress line, a report file. Every listener of a run is called on
 * one dispatcher thread, one event at a time, in the order the events were published, never on a worker thread; the
 * run returns once every listener has seen {@link RunEvent.JobFinished}. A listener that throws becomes a
 * {@link RunEvent.Warning} for the others, and neither the exit code nor the delivery of later events changes.
 */
@FunctionalInterface
public interface RunListener {
    void onEvent(RunEvent event);
}
