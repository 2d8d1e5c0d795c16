package io.jobrun.job;

import io.jobrun.futures.Initializer;
import io.jobrun.futures.Task;
import java.util.Optional;

/** The code of a task, as a front compiled it; syntax-free so that every front hands the runner the same thing. */
@FunctionalInterface
public interface TaskCode {
    /** Runs once per attempt, on a worker of the task's executor. */
    Object run(TaskContext context) throws Exception;

    /**
     * Why this code cannot be sent to a worker process, e.g. "its closure captures 'conn' (java.net.Socket)", or
     * empty when it can; asked before anything runs, for tasks on a process executor.
     */
    default Optional<String> unsendable() {
        return Optional.of("its code");
    }

    /**
     * One attempt of this code as work a worker JVM runs on its own: the code with what it reads of {@code context}
     * (its input, results, parameters), all serializable.
     *
     * @throws IllegalStateException when {@link #unsendable()} is not empty: validation rejects such a job before it
     *                               runs, so reaching this is a bug in the runner
     */
    default Task<Object> inWorker(TaskContext context) {
        throw new IllegalStateException(unsendable().orElse("this code") + " cannot run in a worker process");
    }

    /**
     * What identifies this code for {@code --resume}: its text, its helpers and the values it captures; empty when
     * there is no text to compare (code built by a program), which makes its task run every time.
     */
    default Optional<CodeIdentity> identity() {
        return Optional.empty();
    }

    /**
     * What a worker process runs once, before its first task, so that it can run this code (for a Groovy job file:
     * compiling the file), or null when nothing is needed.
     */
    default Initializer workerSetup() {
        return null;
    }
}
