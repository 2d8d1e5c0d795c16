package io.jobrun.cli;

import io.jobrun.run.StopCause;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * What jobrun does on SIGINT, SIGTERM and SIGHUP: it stops the run for that cause, which cancels what waits, stops
 * what runs (shell trees and worker JVMs killed), prints the partial report and exits 130, 143 or 129. With nothing
 * to stop yet (the file is still being read) it exits at once with that code.
 *
 * <p>The exit is bounded: a run still going {@link #BOUND} after the signal (a task that ignores being stopped, an
 * exit hook waiting for it) is ended there, with a line on stderr and the signal's code. Later signals change
 * nothing. NOTE: they must not cut the report short either: timeout(1) and many CI runners send SIGTERM to jobrun
 * and then to its whole process group, so jobrun gets it twice at once. A signal ignored when jobrun started (nohup,
 * a background job of a script) stays ignored.
 */
final class StopOnSignal {
    /** From the first signal to the end of the process, at the most. */
    static final Duration BOUND = Duration.ofSeconds(10);
    private static final Map<StopCause, String> SIGNALS = Map.of(StopCause.INTERRUPTED, "INT",
            StopCause.TERMINATED, "TERM", StopCause.HANGUP, "HUP");

    private final Predicate<StopCause> stop;
    private final PrintStream err;
    private final AtomicReference<StopCause> first = new AtomicReference<>();

    /** {@code stop} stops what runs for a cause and says whether there was anything to stop. */
    StopOnSignal(Predicate<StopCause> stop, PrintStream err) {
        this.stop = stop;
        this.err = err;
    }

    void install() {
        SIGNALS.forEach((cause, name) -> onSignal(name, () -> received(cause)));
    }

    void received(StopCause cause) {
        if (!first.compareAndSet(null, cause)) {
            return;
        }
        if (!stop.test(cause)) {
            System.exit(cause.exitCode()); // NOTE: nothing runs yet: there is nothing to stop or report
            return;
        }
        Thread.ofPlatform().daemon().name("jobrun-stop-bound").start(() -> {
            try {
                Thread.sleep(BOUND);
            } catch (InterruptedException e) {
                return;
            }
            err.println("jobrun: still running " + BOUND.toSeconds() + "s after SIG" + SIGNALS.get(cause)
                    + " (a task does not stop): exiting without waiting for it");
            err.flush();
            Runtime.getRuntime().halt(cause.exitCode());
        });
    }

    /**
     * Runs {@code action} on the signal {@code name} ("INT", "TERM", "HUP") instead of letting the JVM exit, with the
     * JDK's {@code sun.misc.Signal} (module jdk.unsupported: javac warns that it is internal, and it is the only way a
     * JVM can handle a signal). NOTE: called directly, not through reflection and a {@code Proxy}: those cost 8-16 ms
     * of every run's start, while the handler, a lambda, comes ready from the AOT cache. Where the module is missing
     * (a trimmed runtime image), the signal keeps its default effect: the JVM exits, its shell tasks with it through
     * their watchdog.
     */
    private static void onSignal(String name, Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name),
                    signal -> Thread.ofPlatform().name("jobrun-SIG" + name).start(action));
        } catch (LinkageError | RuntimeException e) {
            // no signal support: the default behaviour stays
        }
    }
}
