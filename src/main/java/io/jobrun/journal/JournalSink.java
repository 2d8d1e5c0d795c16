package io.jobrun.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Where a journal's batches go: its file. A seam so that a test can stand between the journal and the disk, to fail
 * a write part-way through a run (a full disk) or to see when each batch is forced.
 */
public interface JournalSink {
    /** Writes all of {@code bytes}. */
    void write(ByteBuffer bytes) throws IOException;

    /** Makes what was written durable. */
    void force() throws IOException;

    /** The journal's own file. */
    static JournalSink of(FileChannel channel) {
        return new JournalSink() {
            @Override
            public void write(ByteBuffer bytes) throws IOException {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }

            @Override
            public void force() throws IOException {
                channel.force(false);
            }
        };
    }
}
