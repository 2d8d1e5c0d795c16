package io.jobrun.futures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A {@link Gate} that works across processes: a task arrives by creating a file in the gate's directory and passes
 * once the test has created the file {@code open} there. Files are the latch a worker JVM and the test share; the
 * short polls below are how a process waits for one, and the guard only stops a hang.
 */
record FileGate(String directory) implements Gate {
    private static final String OPEN = "open";
    private static final long POLL_MILLIS = 2;

    static FileGate create() {
        try {
            return new FileGate(Files.createTempDirectory("jobrun-gate").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void pass() {
        try {
            Files.createTempFile(Path.of(directory), "arrived-", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pollUntil(() -> Files.exists(Path.of(directory, OPEN)), Await.GUARD.multipliedBy(3),
                () -> new AssertionError("gate " + directory + " was never opened"));
    }

    @Override
    public void awaitArrivals(int count) {
        pollUntil(() -> arrivals() >= count, Await.GUARD,
                () -> new AssertionError(count + " tasks did not reach gate " + directory + " within the guard"));
    }

    @Override
    public int arrivals() {
        try (Stream<Path> files = Files.list(Path.of(directory))) {
            return (int) files.filter(f -> f.getFileName().toString().startsWith("arrived-")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void open() {
        try {
            Files.writeString(Path.of(directory, OPEN), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pollUntil(java.util.function.BooleanSupplier condition, java.time.Duration guard,
                           java.util.function.Supplier<? extends Error> failure) {
        long deadline = System.nanoTime() + guard.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw failure.get();
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at gate " + directory, e);
            }
        }
    }
}
