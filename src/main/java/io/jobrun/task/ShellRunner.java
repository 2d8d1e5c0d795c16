package io.jobrun.task;

import io.jobrun.futures.process.ChildProcesses;
import io.jobrun.futures.process.ProcessMark;
import io.jobrun.futures.process.Subreaper;
import io.jobrun.job.TaskBody;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a shell task: {@code /bin/sh -c COMMAND} with its environment and directory, both pipes captured.
 *
 * <p>The command runs in a session, so a process group, of its own ({@code setsid}): a terminal's Ctrl-C reaches
 * jobrun alone, which stops the task and reports it cancelled, rather than the task dying of the signal and being
 * reported failed. The group is watched by {@link ShellWatchdog}, so it dies with jobrun even when jobrun is killed
 * with SIGKILL.
 *
 * <p>The lines kept for a failure hold the first and last lines of both streams as they arrived; lines written to
 * stdout and
 * stderr close together may appear in either order, since two pipes have no order between them.
 *
 * <p>When the running thread is interrupted (time limit, halt, Ctrl-C), the whole process tree and group are killed
 * before the interrupt is passed on, so nothing is left behind.
 */
public final class ShellRunner {
    /** What the result keeps of each stream: its first and last half MiB, so a chatty command cannot fill the heap. */
    public static final int MAX_OUTPUT_BYTES = 1 << 20;

    private ShellRunner() {
    }

    /**
     * Gets ready for this JVM's shell tasks in the background: what their first one would otherwise do in front of
     * its own process (start the {@link ShellWatchdog}'s loop). For a run that has read a job with shell tasks.
     */
    public static void prepareInBackground() {
        ShellWatchdog.prepareInBackground();
    }

    /**
     * Runs {@code shell} to its end.
     *
     * @throws ShellFailedException on a non-zero exit status
     * @throws InterruptedException when interrupted; the process tree is gone by then
     */
    public static ShellResult run(TaskBody.Shell shell) throws IOException, InterruptedException {
        return run(shell, null, "shell");
    }

    /**
     * Runs {@code shell} to its end, its stdout and stderr also going to {@code printed} line by line.
     *
     * @param printed the attempt's output, or null where no one collects it
     */
    public static ShellResult run(TaskBody.Shell shell, io.jobrun.job.Printed printed)
            throws IOException, InterruptedException {
        return run(shell, printed, "shell");
    }

    /**
     * Runs {@code shell} to its end, its output also going to {@code printed}; {@code what} names it to whoever
     * records child processes ("shell build").
     *
     * @param printed the attempt's output, or null where no one collects it
     * @throws ShellFailedException on a non-zero exit status
     * @throws ShellDirectoryException when its directory is missing or not a directory; nothing started
     * @throws InterruptedException when interrupted; the process tree is gone by then
     */
    public static ShellResult run(TaskBody.Shell shell, io.jobrun.job.Printed printed, String what)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(ShellWatchdog.command(shell.command()));
        builder.environment().putAll(shell.env());
        if (shell.directory() != null) {
            ShellDirectoryException.check(shell.directory());
            builder.directory(new File(shell.directory()));
        }
        try (ShellWatchdog.Group group = ShellWatchdog.start(builder)) {
            Process process = group.process();
            ChildProcesses.started(process, what);
            TaskOutput captured = new TaskOutput(null, null);
            OutputCapture out = new OutputCapture(process.getInputStream(), MAX_OUTPUT_BYTES,
                    sinks(captured, printed), "shell-stdout");
            OutputCapture err = new OutputCapture(process.getErrorStream(), MAX_OUTPUT_BYTES,
                    sinks(captured, printed), "shell-stderr");
            int status;
            String stdout;
            String stderr;
            try {
                status = process.waitFor();
                // NOTE: a background child that kept the pipes open keeps the task running until it closes them
                stdout = out.awaitText();
                stderr = err.awaitText();
            } catch (InterruptedException e) {
                List<ProcessHandle> unclaimed = group.kill();
                String escape = Subreaper.escapeHere();
                if (escape != null && printed != null) {
                    tell(printed, "jobrun: " + escape); // NOTE: said here, as the task's error is written already
                }
                if (!unclaimed.isEmpty() && printed != null) {
                    // NOTE: the task's error is written already (the time limit, the stop): its output says this
                    tell(printed, "jobrun: left running " + ProcessMark.count(unclaimed) + " that cleared its "
                            + "environment and left its session while another shell task ran beside this one, which "
                            + "may have started it:" + ProcessMark.name(unclaimed));
                }
                process.waitFor(5, TimeUnit.SECONDS); // reap our own child; SIGKILL has done the rest
                throw e;
            }
            if (status != 0) {
                throw new ShellFailedException(shell.command(), status, captured.lines());
            }
            return new ShellResult(status, stdout, stderr);
        }
    }

    private static void tell(io.jobrun.job.Printed printed, String line) {
        try (java.io.OutputStream out = printed.stream()) {
            out.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the output is closed already: the run is over
        }
    }

    private static java.util.List<java.io.OutputStream> sinks(TaskOutput captured, io.jobrun.job.Printed printed) {
        return printed == null ? java.util.List.of(captured.stream())
                : java.util.List.of(captured.stream(), printed.stream());
    }
}
