package io.jobrun.report;

import java.io.IOException;

/**
 * A report file's format: JSON, JUnit XML, a trace, a timeline. Registered in {@link Reports} as
 * {@code FileReport.kind(new SomeFormat())}: one class and one line; {@link FileReport} does the rest (following
 * the run's events, naming the file, writing it atomically).
 *
 * <p>A format writes each task as it finishes where it can, so that a 100,000-task report is mostly written while
 * the run runs and its file holds little in memory; what needs the whole run (counts, a layout) comes at the end.
 */
interface ReportFormat {
    /** What {@code --report NAME=PATH} calls it. */
    String name();

    /**
     * Whether one file holds every run of an invocation ({@code bin/jobrun a.yaml b.yaml}), as JUnit XML holds a
     * test suite per job file; otherwise each run needs a file of its own ({@code {job}} in the path).
     */
    default boolean holdsSeveralRuns() {
        return false;
    }

    /**
     * Whether the items of a large fan-out that simply succeeded come folded ({@link Folded}, in
     * {@link FinishedRun#folded()}) rather than each to {@link Writing#task}: for the formats written an entry per
     * instance; a format that draws every instance (the timeline) has them all in {@link FinishedRun#tasks()}.
     */
    default boolean folds() {
        return false;
    }

    /**
     * Whether {@link Writing#task} writes anything; a format written at the end alone (the timeline, the CI summary)
     * is not handed each task as it finishes, which at 100,000 tasks is an object each for nothing.
     */
    default boolean writesEachTask() {
        return true;
    }

    /** A new writing of this format: one per report file, for every run of the invocation in turn. */
    Writing writing();

    /** The writing of one report file. Its file is new for each run (or, when appending, the end of the file). */
    interface Writing {
        /** The run started. */
        default void begin(RunStart start, ReportOut out) throws IOException {
        }

        /** A task instance reached its final status. */
        default void task(ReportedTask task, ReportOut out) throws IOException {
        }

        /** The run is over (it succeeded, failed, timed out or was stopped): finish the file. */
        void end(FinishedRun run, ReportOut out) throws IOException;
    }
}
