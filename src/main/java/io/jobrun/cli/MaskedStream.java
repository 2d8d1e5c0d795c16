package io.jobrun.cli;

import io.jobrun.report.Secrets;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A console stream that masks a run's secrets in each text printed to it: what the job's print and shell callbacks
 * write, whole texts at a time.
 */
final class MaskedStream extends PrintStream {
    private final Secrets secrets;

    private MaskedStream(PrintStream out, Secrets secrets) {
        super(out, true, StandardCharsets.UTF_8);
        this.secrets = secrets;
    }

    /** {@code out} itself when nothing is secret. */
    static PrintStream of(PrintStream out, Secrets secrets) {
        return secrets.isEmpty() ? out : new MaskedStream(out, secrets);
    }

    @Override
    public void print(String text) {
        super.print(secrets.mask(text));
    }

    @Override
    public void print(Object value) {
        super.print(secrets.mask(String.valueOf(value)));
    }

    @Override
    public void println(String text) {
        super.println(secrets.mask(text));
    }

    @Override
    public void println(Object value) {
        super.println(secrets.mask(String.valueOf(value)));
    }
}
