package io.jobrun.report;

import io.jobrun.task.TaskOutput;
import java.io.PrintStream;

/**
 * {@code --output}: each line a task prints, as it is printed, after its task's name ({@code build | line}), as GNU
 * parallel's {@code --tag} and docker compose do; on a terminal the name is in a colour of its own.
 */
public final class TaggedOutput implements TaskOutput.LineSink {
    /** ANSI foreground colours that read on dark and light backgrounds alike. */
    private static final int[] COLOURS = {36, 32, 35, 33, 34, 31};

    private final PrintStream out;
    private final boolean colour;

    /** @param colour colour the names (on a terminal, without NO_COLOR) */
    public TaggedOutput(PrintStream out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    @Override
    public void line(String task, String line) {
        String name = Text.printable(task);
        String tag = colour ? "\033[" + COLOURS[Math.floorMod(task.hashCode(), COLOURS.length)] + "m" + name
                + " |\033[0m " : name + " | ";
        // NOTE: one println per line, so that lines of tasks running at once never mix halfway
        synchronized (out) {
            out.println(tag + Text.printable(line));
        }
    }
}
