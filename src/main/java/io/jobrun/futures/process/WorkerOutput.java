package io.jobrun.futures.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives what worker processes write outside the protocol (a task's prints, JVM warnings), line by line.
 * The default logs each line at INFO as {@code [worker 12345] line}.
 */
@FunctionalInterface
public interface WorkerOutput {
    void line(long workerPid, String line);

    /** Logs to the {@code io.jobrun.futures.process.worker} logger. */
    static WorkerOutput log() {
        Logger log = LoggerFactory.getLogger("io.jobrun.futures.process.worker");
        return (pid, line) -> log.info("[worker {}] {}", pid, line);
    }
}
