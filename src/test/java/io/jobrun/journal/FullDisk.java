package io.jobrun.journal;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A disk that fills part-way through a run, between a journal and its file: no real disk is filled. */
public final class FullDisk {
    private FullDisk() {
    }

    /** The first {@code lines} lines reach {@code file}; the write that would go past them fails as a full disk does. */
    public static JournalSink after(JournalSink file, int lines) {
        return new JournalSink() {
            private int written;

            @Override
            public void write(ByteBuffer bytes) throws IOException {
                int end = bytes.position();
                while (end < bytes.limit() && written < lines) {
                    if (bytes.get(end++) == '\n') {
                        written++;
                    }
                }
                boolean full = end < bytes.limit();
                ByteBuffer fits = bytes.duplicate();
                fits.limit(end);
                file.write(fits);
                if (full) {
                    throw new IOException("No space left on device");
                }
            }

            @Override
            public void force() throws IOException {
                file.force();
            }
        };
    }
}
