package io.jobrun.task;

/** What a shell command printed; its {@link #toString()} is stdout without the trailing newline. */
public record ShellResult(int exitStatus, String stdout, String stderr) implements java.io.Serializable {
    @Override
    public String toString() {
        return stdout.stripTrailing();
    }
}
