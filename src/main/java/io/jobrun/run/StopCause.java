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

    /** Whether the cause came from outside the job (a signal), rather than from the job's own rules. */
    public boolean fromOutside() {
        return this == INTERRUPTED || this == TERMINATED || this == HANGUP;
    }
}
