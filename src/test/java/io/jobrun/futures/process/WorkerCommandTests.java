package io.jobrun.futures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line of a worker JVM. */
class WorkerCommandTests {
    @Test
    void aWorkerAsksForTransparentHugePagesExactlyWhereTheKernelOffersThem() throws Exception {
        assumeTrue(ProcessMark.supported(), "no /proc here");
        Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        String offered = Files.isReadable(setting) ? Files.readString(setting) : "";
        boolean expected = offered.contains("[always]") || offered.contains("[madvise]");

        List<String> command = new WorkerCommand(ProcessPoolExecutor.options().startupCache(false))
                .newBuilder(ProcessMark.create()).command();

        assertEquals(expected, command.contains("-XX:+UseTransparentHugePages"),
                () -> "the kernel says: " + offered.strip() + "; the worker gets: " + command);
    }
}
