package io.jobrun.task;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one pipe of a child process to its end on a thread of its own, keeping the head and tail of what it read
 * and passing it on to the task's output ({@link TaskOutput}, line by line) and to the attempt's.
 *
 * <p>It reads bytes in fixed chunks, never a whole line: a command that prints one 400 MB line costs this reader as
 * much memory as one that prints nothing, and the pipe is always drained to its end, so the child never blocks on a
 * full pipe nor dies of SIGPIPE because its reader gave up.
 */
final class OutputCapture {
    private static final int CHUNK = 8192;

    private final HeadAndTail kept;
    /** Where the bytes go on: the captured output's stream, and the attempt's when someone collects it. */
    private final java.util.List<java.io.OutputStream> lines;
    private final Thread reader;

    OutputCapture(InputStream stream, int maxBytes, java.util.List<java.io.OutputStream> lines, String name) {
        this.kept = new HeadAndTail(maxBytes);
        this.lines = lines;
        // NOTE: drain the pipe or the child blocks once the OS pipe buffer (64 KiB on Linux) is full. A platform
        // thread, not a virtual one: a pipe that a left-behind grandchild keeps open blocks its reader for good, and
        // a virtual thread blocked in a pipe read holds its carrier, so two of them starved every virtual thread of
        // the JVM on 2 cores (pools, cluster slots, sleeps).
        reader = Thread.ofPlatform().daemon().name(name).start(() -> drain(stream));
    }

    private void drain(InputStream stream) {
        byte[] chunk = new byte[CHUNK];
        try (stream) {
            int count;
            boolean keeping = true;
            while ((count = stream.read(chunk)) >= 0) {
                if (keeping) {
                    keeping = keep(chunk, count);
                } else {
                    kept.lose(count);
                }
            }
        } catch (IOException e) {
            // the stream closes when the process is killed; what was read so far stays
        } finally {
            for (java.io.OutputStream line : lines) {
                try {
                    line.close();
                } catch (IOException e) {
                    // a line sink of our own does not fail
                }
            }
        }
    }

    /**
     * Keeps a chunk; false when the heap is full. NOTE: the heap may be full because of another task; this reader
     * then keeps nothing more but goes on draining the pipe, since a reader that died would kill the command with
     * SIGPIPE (status 141) or leave it blocked on a full pipe.
     */
    private boolean keep(byte[] chunk, int count) {
        try {
            kept.append(chunk, 0, count);
            for (java.io.OutputStream line : lines) {
                line.write(chunk, 0, count);
            }
            return true;
        } catch (IOException e) {
            return true; // NOTE: a sink of our own never fails; the pipe is drained all the same
        } catch (OutOfMemoryError e) {
            kept.lose(count);
            return false;
        }
    }

    /** Waits for the end of the stream and returns what was kept, with a line saying how much was left out. */
    String awaitText() throws InterruptedException {
        reader.join();
        return kept.text();
    }
}
