package io.jobrun.run;

/** What the interpreter's thread is told, through its inbox; it alone acts on each. */
sealed interface Message {
    /** An attempt's future is done: it returned, failed, ran out of time, or was cancelled. */
    record Ended(Attempt attempt) implements Message {
    }

    /** A body the run was waiting for (after its time limit, or when stopping) has returned. */
    record ReturnedLate(Attempt attempt) implements Message {
    }

    /** An attempt's leak grace has passed: if its body still runs, it is leaked. */
    record GraceOver(Attempt attempt) implements Message {
    }

    /**
     * The executor placed a try of {@code attempt}'s task on {@code worker}; {@code lostWith} is where the try before
     * it ran and was lost, or null for the first try. Later tries share the attempt's future.
     */
    record Placed(Attempt attempt, String worker, String lostWith) implements Message {
    }

    /** A failed attempt's backoff has passed. */
    record RetryDue(InstanceRun run) implements Message {
    }

    /** Stop the run (Ctrl-C, SIGTERM, SIGHUP, an embedding host). */
    record Stop(StopCause cause) implements Message {
    }

    /** The job's own timeout has passed. */
    record Deadline() implements Message {
    }
}
