package io.jobrun.task;

import java.util.List;

/** A shell command that exited with a non-zero status; carries what the failure block of the report shows. */
public class ShellFailedException extends RuntimeException {
    private final String command;
    private final int exitStatus;
    private final List<String> outputTail;

    public ShellFailedException(String command, int exitStatus, List<String> outputTail) {
        super("command exited with status " + exitStatus);
        this.command = command;
        this.exitStatus = exitStatus;
        this.outputTail = List.copyOf(outputTail);
    }

    public String command() {
        return command;
    }

    public int exitStatus() {
        return exitStatus;
    }

    /** The first and last lines of stdout and stderr together, in the order they were read. */
    public List<String> outputTail() {
        return outputTail;
    }
}
