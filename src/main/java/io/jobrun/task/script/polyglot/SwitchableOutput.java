package io.jobrun.task.script.polyglot;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A context's stdout and stderr: a context outlives its tasks (one per worker thread), so its output goes to
 * whichever task's log is current, and nowhere between tasks.
 */
final class SwitchableOutput extends OutputStream {
    /** The running task's log; set and cleared by the one worker thread that owns the context. */
    private volatile OutputStream target = OutputStream.nullOutputStream();

    void redirectTo(OutputStream log) {
        target = log;
    }

    void detach() throws IOException {
        OutputStream last = target;
        target = OutputStream.nullOutputStream();
        last.flush();
    }

    @Override
    public void write(int b) throws IOException {
        target.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        target.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }
}
