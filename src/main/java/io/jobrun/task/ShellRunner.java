package io.jobrun.task;

import io.jobrun.job.TaskBody;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Runs a shell task: {@code /bin/sh -c COMMAND} with its environment and directory, both pipes captured.
 *
 * <p>When the running thread is interrupted (time limit, halt, Ctrl-C), the whole process tree is killed before the
 * interrupt is passed on, so nothing is left behind.
 */
public final class ShellRunner {
    /** Lines of output a failure keeps for the report. */
    public static final int TAIL_LINES = 10;

    private ShellRunner() {
    }

    /**
     * Runs {@code shell} to its end.
     *
     * @throws ShellFailedException on a non-zero exit status
     * @throws InterruptedException when interrupted; the process tree is gone by then
     */
    public static ShellResult run(TaskBody.Shell shell) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", shell.command());
        builder.environment().putAll(shell.env());
        if (shell.directory() != null) {
            builder.directory(new File(shell.directory()));
        }
        Process process = builder.start();
        process.getOutputStream().close();
        Deque<String> tail = OutputCapture.newTail();
        OutputCapture out = new OutputCapture(process.getInputStream(), tail, TAIL_LINES, "shell-stdout");
        OutputCapture err = new OutputCapture(process.getErrorStream(), tail, TAIL_LINES, "shell-stderr");
        int status;
        try {
            status = process.waitFor();
        } catch (InterruptedException e) {
            killTree(process.toHandle());
            throw e;
        }
        String stdout = out.awaitText();
        String stderr = err.awaitText();
        if (status != 0) {
            throw new ShellFailedException(shell.command(), status, OutputCapture.snapshot(tail));
        }
        return new ShellResult(status, stdout, stderr);
    }

    /** Kills {@code root} and every descendant, children first listed while the parent still lives. */
    public static void killTree(ProcessHandle root) {
        // NOTE: collect descendants before killing the parent: once it dies its children are re-parented to init
        // and no longer reachable from it.
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(0, root);
        for (ProcessHandle handle : all) {
            handle.destroyForcibly();
        }
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // best effort: a process that will not die within 5 s is reported by the OS, not by us
            }
        }
    }
}
