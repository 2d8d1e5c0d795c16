package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.run.Ticker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in this JVM with captured streams, a frozen clock and a chosen terminal. */
record CliRun(int exitCode, String stdout, String stderr) {

    static final Terminal PLAIN = new Terminal(Map.of(), StandardCharsets.US_ASCII, false);
    static final Terminal UTF8 = new Terminal(Map.of(), StandardCharsets.UTF_8, false);

    static CliRun of(String... args) {
        return with(PLAIN, args);
    }

    /** Writes {@code text} to {@code name} in {@code directory} and runs it with {@code --no-emoji} and {@code extra}. */
    static CliRun ofFile(Path directory, String name, String text, String... extra) throws IOException {
        Path job = Files.writeString(directory.resolve(name), text);
        String[] args = new String[extra.length + 2];
        args[0] = job.toString();
        args[1] = "--no-emoji";
        System.arraycopy(extra, 0, args, 2, extra.length);
        return of(args);
    }

    static CliRun with(Terminal terminal, String... args) {
        return with(terminal, System.getenv(), args);
    }

    /** With {@code environment} in place of this process's. */
    static CliRun with(Terminal terminal, Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = new Cli(outStream, errStream, terminal, Ticker.FROZEN, environment).run(args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Fails unless stdout has {@code line} as a whole line, showing both streams. */
    void assertPrinted(String line) {
        assertTrue(stdout.lines().anyMatch(line::equals),
                () -> "no line '" + line + "' in\n" + stdout + stderr);
    }
}
