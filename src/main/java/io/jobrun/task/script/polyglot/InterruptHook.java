package io.jobrun.task.script.polyglot;

import java.io.IOException;
import java.nio.channels.spi.AbstractInterruptibleChannel;

/**
 * Runs an action the moment the thread that armed it is interrupted, in the interrupting thread.
 *
 * <p>Why a channel: {@code Thread.interrupt()} offers no callback, and polling the interrupt status misses interrupts
 * that guest runtimes consume (GraalPy clears the status of a thread it interrupts in its own lock). An
 * interruptible channel is the JDK's public way in: between {@code begin()} and {@code end()} an interrupt of the
 * thread closes the channel, which calls {@link #implCloseChannel()} synchronously in the interrupting thread.
 */
final class InterruptHook extends AbstractInterruptibleChannel {
    private final Runnable onInterrupt;

    InterruptHook(Runnable onInterrupt) {
        this.onInterrupt = onInterrupt;
    }

    /** Arms the hook for the calling thread; fires at once if it is already interrupted. */
    void arm() {
        begin();
    }

    /** Disarms it; call from the thread that armed it. */
    void disarm() {
        try {
            end(true);
        } catch (IOException closedByInterrupt) {
            // The hook fired; the action has run.
        }
    }

    @Override
    protected void implCloseChannel() {
        onInterrupt.run();
    }
}
