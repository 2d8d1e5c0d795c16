package io.jobrun.futures;

import io.jobrun.futures.process.ProcessPoolExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;

/**
 * A program for {@link ExitTests}: it sets up one scenario around JVM exit and lets the JVM end, reporting through
 * files in a directory, which is also how the test and the tasks signal each other.
 *
 * <p>Arguments: {@code SCENARIO KIND DIRECTORY}, KIND being threads, virtual or processes.
 */
public final class ExitProbe {
    private static final long POLL_MILLIS = 5;
    private static final long GUARD_MILLIS = 60_000;

    private ExitProbe() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[1];
        String dir = args[2];
        switch (args[0]) {
            case "shutdown-without-wait" -> unfinishedWork(kind, dir, Shutdown.WITHOUT_WAIT);
            case "shutdown-cancelling-without-wait" -> unfinishedWork(kind, dir, Shutdown.CANCELLING_WITHOUT_WAIT);
            case "never-shut-down" -> unfinishedWork(kind, dir, Shutdown.NONE);
            case "exit-in-task" -> exitInTask(kind, dir);
            case "submit-during-exit" -> submitDuringExit(kind, dir);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static Executor executor(String kind, int maxWorkers) {
        return switch (kind) {
            case "threads" -> new ThreadPoolExecutor(maxWorkers);
            case "virtual" -> new VirtualThreadExecutor(maxWorkers);
            case "processes" -> new ProcessPoolExecutor(maxWorkers);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** How main leaves the executor before it returns. */
    private enum Shutdown { NONE, WITHOUT_WAIT, CANCELLING_WITHOUT_WAIT }

    /**
     * CPython's test_hang_gh83386, test_interpreter_shutdown and test_cancel_futures_wait_false: a task still running
     * when main returns runs to its end, and so does the one queued behind it unless the shutdown cancelled it.
     */
    private static void unfinishedWork(String kind, String dir, Shutdown shutdown) {
        Executor executor = executor(kind, 1);
        executor.submit(() -> {
            publish(dir, "started", "");
            awaitFile(dir, "go");
            publish(dir, "apple", "apple");
            return null;
        });
        executor.submit(() -> publish(dir, "banana", "banana"));
        switch (shutdown) {
            case NONE -> { }
            case WITHOUT_WAIT -> executor.shutdown(false, false);
            case CANCELLING_WITHOUT_WAIT -> {
                awaitFileQuietly(dir, "started");
                executor.shutdown(false, true);
            }
        }
        // The first task may finish only if jobrun's exit hook waits for it; a JVM that does not wait halts first.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (exitHookWaits()) {
                publish(dir, "go", "");
            }
        }));
    }

    /**
     * Whether the thread "jobrun-exit" parks (waits for work) rather than ends; called while the JVM exits. The
     * shutdown hooks are all started before any is joined, but this one may run before that thread is started.
     */
    private static boolean exitHookWaits() {
        long start = System.currentTimeMillis();
        boolean seen = false;
        while (System.currentTimeMillis() - start < GUARD_MILLIS) {
            Thread hook = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("jobrun-exit")).findFirst().orElse(null);
            if (hook != null) {
                seen = true;
                Thread.State state = hook.getState();
                if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                    return true;
                }
                if (state == Thread.State.TERMINATED) {
                    return false;
                }
            } else if (seen || System.currentTimeMillis() - start > 5_000) {
                return false; // it has ended
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * A task calls System.exit while another waits in the queue behind it: the JVM exits with that status, the
     * queued task still runs, and the exiting task's future fails with SystemExitException.
     */
    private static void exitInTask(String kind, String dir) throws InterruptedException {
        Executor executor = executor(kind, 1);
        Future<Object> exiting = executor.submit(() -> {
            awaitFile(dir, "queued");
            System.exit(3);
            return null;
        });
        exiting.addDoneCallback(f -> publish(dir, "outcome", String.valueOf(f.exception())));
        executor.submit(() -> publish(dir, "apple", "apple"));
        publish(dir, "queued", "");
        new CountDownLatch(1).await(); // main never returns: only the task's exit ends this JVM
    }

    /**
     * A thread keeps submitting to a pool while main returns. Once exit has begun its submits are refused with
     * CPython's message, and so is a submit to a pool created after that; every submit accepted before ran.
     */
    private static void submitDuringExit(String kind, String dir) {
        Executor executor = executor(kind, 2);
        executor.submit(() -> {
            awaitFile(dir, "go"); // keeps the JVM's exit waiting while the submitter is refused
            return null;
        });
        CountDownLatch firstAccepted = new CountDownLatch(1);
        Thread submitter = new Thread(() -> {
            int accepted = 0;
            try {
                while (true) {
                    String name = "ran-" + accepted;
                    try {
                        executor.submit(() -> publish(dir, name, ""));
                    } catch (RejectedExecutionException refused) {
                        publish(dir, "refused", refused.getMessage());
                        break;
                    }
                    accepted++;
                    firstAccepted.countDown();
                    Thread.sleep(1);
                }
                publish(dir, "accepted", String.valueOf(accepted));
                try {
                    executor(kind, 1).submit(() -> publish(dir, "late-pool-ran", ""));
                    publish(dir, "late-pool", "accepted");
                } catch (RejectedExecutionException refused) {
                    publish(dir, "late-pool", refused.getMessage());
                }
            } catch (InterruptedException e) {
                publish(dir, "late-pool", "interrupted");
            } finally {
                publish(dir, "go", "");
            }
        }, "submitter");
        submitter.setDaemon(true);
        submitter.start();
        try {
            firstAccepted.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code text} to {@code dir/name} in one atomic step; returns null so a task can end with it. */
    static Object publish(String dir, String name, String text) {
        try {
            Path partial = Path.of(dir, name + ".partial");
            Files.writeString(partial, text);
            Files.move(partial, Path.of(dir, name), StandardCopyOption.ATOMIC_MOVE);
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitFileQuietly(String dir, String name) {
        try {
            awaitFile(dir, name);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Blocks until {@code dir/name} exists: how a task waits for the test, in whatever JVM it runs. */
    static void awaitFile(String dir, String name) throws InterruptedException {
        long deadline = System.currentTimeMillis() + GUARD_MILLIS;
        while (!Files.exists(Path.of(dir, name))) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no " + name + " within the guard");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
