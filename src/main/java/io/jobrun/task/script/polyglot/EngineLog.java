package io.jobrun.task.script.polyglot;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engines' own error output (not a script's): each line becomes a warning in jobrun's log. */
final class EngineLog extends OutputStream {
    private static final Logger LOG = LoggerFactory.getLogger("io.jobrun.task.script");

    /** The line being written; guarded by this. */
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
            line.reset();
            if (!text.isEmpty()) {
                LOG.warn("polyglot engine: {}", text);
            }
        } else {
            line.write(b);
        }
    }
}
