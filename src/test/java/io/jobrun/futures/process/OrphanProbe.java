package io.jobrun.futures.process;

import java.nio.file.Path;

/**
 * A parent JVM for the orphan test: creates a pool whose task starts a grandchild and one that leaves its session,
 * reports {@code workerPid grandchildPid escapeePid} in the file named by its argument, and blocks until the test
 * kills this JVM.
 */
public final class OrphanProbe {
    private OrphanProbe() {
    }

    public static void main(String[] args) {
        String report = args[0];
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        pool.submit(() -> {
            long child = ProcessFiles.startSleeper();
            long escapee = ProcessFiles.startEscapee();
            ProcessFiles.publish(report, ProcessHandle.current().pid() + " " + child + " " + escapee);
            ProcessFiles.blockUntilExists(report + ".never");
            return null;
        });
        ProcessFiles.blockUntilExists(Path.of(report + ".never").toString());
    }
}
