package io.jobrun.futures.process;

import static io.jobrun.futures.process.ProcessFiles.awaitFile;
import static io.jobrun.futures.process.ProcessFiles.blockUntilExists;
import static io.jobrun.futures.process.ProcessFiles.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.futures.Future;
import io.jobrun.futures.Task;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CPython's test_deadlock.py for a pool of worker JVMs: a worker that dies while it reads a task or writes a result,
 * a result the parent cannot read, a crash during shutdown, a burst of submits. None may hang the pool; unlike
 * CPython, each fails only its own future and the pool goes on.
 */
class ProcessPoolCrashTests {
    private final ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
    private final Path dir = ProcessFiles.tempDirectory();

    @AfterEach
    void shutDown() {
        pool.shutdown(true, true);
    }

    /** Stops the JVM that deserializes it: with System.exit, or with halt(139) as a segfault would. */
    static final class ExitsWhenRead implements Serializable {
        private final boolean crash;

        ExitsWhenRead(boolean crash) {
            this.crash = crash;
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            if (crash) {
                Runtime.getRuntime().halt(139);
            }
            System.exit(7);
        }
    }

    /** Stops the JVM that serializes it: with System.exit, or with halt(139) as a segfault would. */
    static final class ExitsWhenWritten implements Serializable {
        private final boolean crash;

        ExitsWhenWritten(boolean crash) {
            this.crash = crash;
        }

        private void writeObject(ObjectOutputStream out) {
            if (crash) {
                Runtime.getRuntime().halt(139);
            }
            System.exit(8);
        }
    }

    /** Not serializable at all. */
    static final class Unsendable {
    }

    /** Can be read back only in the JVM that wrote it. */
    static final class ReadableOnlyWhereWritten implements Serializable {
        private long writtenBy;

        private void writeObject(ObjectOutputStream out) throws IOException {
            writtenBy = ProcessHandle.current().pid();
            out.defaultWriteObject();
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            if (writtenBy != ProcessHandle.current().pid()) {
                throw new InvalidObjectException("refusing to be read outside the JVM that wrote me");
            }
        }
    }

    /** Where a worker dies, and how its end reads in the message of the future it was running. */
    enum Crash {
        EXIT_WHILE_READING_THE_TASK("exited with code 7"),
        SEGFAULT_WHILE_READING_THE_TASK("died with signal 11 (SIGSEGV)"),
        EXIT_WHILE_WRITING_THE_RESULT("exited with code 8"),
        SEGFAULT_WHILE_WRITING_THE_RESULT("died with signal 11 (SIGSEGV)");

        final String how;

        Crash(String how) {
            this.how = how;
        }

        Task<Object> task() {
            boolean segfault = name().startsWith("SEGFAULT");
            if (name().endsWith("READING_THE_TASK")) {
                ExitsWhenRead argument = new ExitsWhenRead(segfault);
                return () -> argument.toString();
            }
            return () -> new ExitsWhenWritten(segfault);
        }
    }

    @ParameterizedTest
    @EnumSource(Crash.class)
    void workerThatDiesWhileReadingATaskOrWritingAResultFailsOnlyThatTask(Crash crash) {
        Future<Object> future = pool.submit(crash.task());
        BrokenProcessPoolException error = assertInstanceOf(BrokenProcessPoolException.class, future.exception());
        assertTrue(error.getMessage().contains(crash.how + " while running this task"), error.getMessage());
        assertEquals(5, pool.submit(() -> 5).result(), "the pool goes on");
    }

    @Test
    void unsendableResultAfterShutdownWithoutWaitFailsItsTaskAndThePoolStillEnds() {
        String release = dir.resolve("release").toString();
        Future<Object> future = pool.submit(() -> {
            blockUntilExists(release);
            return new Unsendable();
        });
        pool.shutdown(false, false);
        publish(release, "");
        assertInstanceOf(TaskSerializationException.class, future.exception());
        ProcessFiles.until(() -> pool.workerPids().isEmpty(), "the workers to retire");
    }

    @Test
    void resultThatCannotBeDeserializedInTheParentFailsWithTaskSerializationException() {
        Future<Object> future = pool.submit(() -> new ReadableOnlyWhereWritten());
        TaskSerializationException error = assertInstanceOf(TaskSerializationException.class, future.exception());
        assertTrue(error.getMessage().startsWith("the result could not be deserialized in the parent"),
                error.getMessage());
        assertEquals(7, pool.submit(() -> 7).result());
    }

    @Test
    void workerKilledWhileShutdownWaitsFailsItsTaskAndShutdownReturns() {
        String pidFile = dir.resolve("pid").toString();
        Future<Object> running = pool.submit(() -> {
            publish(pidFile, String.valueOf(ProcessHandle.current().pid()));
            blockUntilExists(pidFile + ".never");
            return null;
        });
        long worker = Long.parseLong(awaitFile(Path.of(pidFile)));
        Thread shutter = new Thread(pool::shutdown, "shutter");
        shutter.start();
        ProcessFiles.until(() -> shutter.getState() == Thread.State.WAITING, "shutdown to wait for the worker");
        ProcessHandle.of(worker).orElseThrow().destroyForcibly();
        assertInstanceOf(BrokenProcessPoolException.class, running.exception());
        ProcessFiles.until(() -> !shutter.isAlive(), "shutdown to return");
    }

    @Test
    void aHundredSubmitsToAFreshPoolNeverBlock() {
        List<Future<Integer>> futures = new ArrayList<>();
        assertTimeoutPreemptively(ProcessFiles.GUARD, () -> {
            for (int i = 0; i < 100; i++) {
                int value = i;
                futures.add(pool.submit(() -> value));
            }
        });
        for (int i = 0; i < 100; i++) {
            assertEquals(i, futures.get(i).result());
        }
    }
}
