package io.jobrun.run;

/**
 * Why a run ended early. {@link #FIRST_FAILURE} halts (running tasks finish); every other cause stops (running tasks
 * are stopped too). A signal's cause sets the exit code the shell expects, 128 plus the signal's number.
 */
public enum StopCause {
    /** Ctrl-C (SIGINT). */
    INTERRUPTED(130, "Interrupted"),
    /** SIGTERM, what CI and service managers send to cancel. */
    TERMINATED(143, "Terminated"),
    /** SIGHUP: the terminal went away. */
    HANGUP(129, "Hung up"),
    /**
     * The JVM is exiting while the run goes on: code in it (a task, most likely) called {@code System.exit}. The run
     * stops and reports before the JVM goes; the exit code is 1, whatever status was passed to exit.
     */
    EXITING(1, "Exiting"),
    /** The job's own {@code timeout} passed. */
    JOB_TIMEOUT(1, "Timed out"),
    /** A required task failed under {@code halt: first-failure}. */
    FIRST_FAILURE(1, "Halted");

    private final int exitCode;
    private final String headline;

    StopCause(int exitCode, String headline) {
        this.exitCode = exitCode;
        this.headline = headline;
    }

    /** The process's exit code when this cause ended the run. */
    public int exitCode() {
        return exitCode;
    }

    /** "Interrupted", as the summary's last line begins. */
    public String headline() {
        return headline;
    }

    /** Whether running tasks are stopped as well, rather than left to finish. */
    public boolean stopsRunningTasks() {
        return this != FIRST_FAILURE;
    }

    /** Whether the cause is not one of the job's own rules (a signal, the JVM exiting), rather than one of them. */
    public boolean fromOutside() {
        return this == INTERRUPTED || this == TERMINATED || this == HANGUP || this == EXITING;
    }
}
