package io.jobrun.journal;

import io.jobrun.run.ThreadJoin;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Forces a journal's file to disk on a thread of its own, so that its writer goes on making and writing lines while
 * the device takes what was written. A force waits for the device: 1 to 15 ms a force on the machines measured, 4 ms
 * at the median, and about seven of them in a run of 100,000 quick tasks, a quarter of its time, in which a writer
 * that forced itself made no lines and fell behind the run.
 *
 * <p>The writer asks for the first {@code through} entries to be made durable ({@link #request}): with
 * {@code written}, some of their lines were written since the last request, and the file is forced; without, they
 * wrote nothing new and are durable once the forces asked before are done. Requests that come while a force runs are
 * served together by the next one. Each is answered in order, after its force, failed or not ({@code forced}).
 */
final class DiskForcer {
    private final JournalSink sink;
    /** Whether a write or a force failed already: nothing more is forced. */
    private final BooleanSupplier failed;
    private final Consumer<Throwable> onFailure;
    private final LongConsumer forced;
    private final Thread thread;
    /** How many entries were asked to be durable; guarded by this. */
    private long requested;
    /** Whether lines were written since the last force began; guarded by this. */
    private boolean written;
    /** How many entries are durable, or could not be made so; guarded by this. */
    private long done;
    /** Set once the writer is done: force what was asked, then end. Guarded by this. */
    private boolean finishing;

    /**
     * @param failed    whether the journal failed already (then nothing is forced, and requests are answered at once)
     * @param onFailure told of a force that failed, on this forcer's thread
     * @param forced    told, on this forcer's thread, how many entries are durable after each force, in order
     */
    DiskForcer(JournalSink sink, BooleanSupplier failed, Consumer<Throwable> onFailure,
               LongConsumer forced) {
        this.sink = sink;
        this.failed = failed;
        this.onFailure = onFailure;
        this.forced = forced;
        this.thread = Thread.ofPlatform().daemon().name("jobrun-journal-force").start(this::forceAll);
    }

    /** Asks for the first {@code through} entries to be durable; {@code written}: lines were written for them. */
    synchronized void request(long through, boolean written) {
        this.written |= written;
        if (through > requested) {
            requested = through;
        }
        notifyAll();
    }

    /** Forces what was asked, and returns once it is done (or failed) and the thread ended. */
    void finish() {
        synchronized (this) {
            finishing = true;
            notifyAll();
        }
        if (ThreadJoin.uninterruptibly(thread)) { // NOTE: the last lines must reach the disk before the file closes
            Thread.currentThread().interrupt();
        }
    }

    private void forceAll() {
        while (true) {
            long through;
            boolean force;
            synchronized (this) {
                while (requested <= done && !written && !finishing) {
                    waitQuietly();
                }
                if (requested <= done && !written) {
                    return; // finishing, with nothing left
                }
                through = requested;
                force = written;
                written = false;
            }
            if (force && !failed.getAsBoolean()) {
                try {
                    sink.force();
                } catch (IOException | RuntimeException | Error e) {
                    // NOTE: whatever it was, every request is still answered: a launch waits for its line on disk
                    onFailure.accept(e);
                }
            }
            synchronized (this) {
                done = Math.max(done, through);
            }
            forced.accept(through);
        }
    }

    private void waitQuietly() {
        try {
            wait();
        } catch (InterruptedException e) {
            // nothing interrupts this thread on purpose; the writer says when to stop
        }
    }
}
