package io.jobrun.cli;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * What the CLI knows of where it runs; tests pass their own.
 *
 * @param env          environment variables ({@code NO_COLOR})
 * @param charset      the encoding of stdout; emoji only when it is UTF-8
 * @param interactive  whether stderr is a terminal, for the live progress line
 * @param columns      the terminal's width, or 0 when unknown (not a terminal, no COLUMNS)
 */
record Terminal(Map<String, String> env, Charset charset, boolean interactive, int columns) {
    /** Of unknown width. */
    Terminal(Map<String, String> env, Charset charset, boolean interactive) {
        this(env, charset, interactive, 0);
    }

    static Terminal detect() {
        String encoding = System.getProperty("stdout.encoding", Charset.defaultCharset().name());
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (RuntimeException e) {
            charset = Charset.defaultCharset();
        }
        boolean terminal = isTerminal();
        return new Terminal(System.getenv(), charset, terminal, columns(System.getenv(), terminal));
    }

    /**
     * The width to fill: {@code stty size} on a terminal (the JDK cannot ask), else {@code COLUMNS} when the shell
     * exported it, else 0. NOTE: asked once, when the CLI starts; a resized window keeps the old width.
     */
    private static int columns(Map<String, String> env, boolean terminal) {
        if (terminal) {
            try {
                Process stty = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String size = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (stty.waitFor() == 0 && size.trim().matches("\\d+ \\d+")) {
                    return Integer.parseInt(size.trim().split(" ")[1]);
                }
            } catch (java.io.IOException | RuntimeException e) {
                // no stty or no /dev/tty: COLUMNS or unknown
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String columns = env.get("COLUMNS");
        return columns != null && columns.matches("\\d{1,5}") ? Integer.parseInt(columns) : 0;
    }

    /** {@code Console.isTerminal()} where the JDK has it (22+); before that a console means a terminal. */
    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Colours for the terminal: a terminal, and no NO_COLOR. */
    boolean colour() {
        String noColor = env.get("NO_COLOR");
        return interactive && (noColor == null || noColor.isEmpty());
    }

    boolean emoji(boolean noEmojiFlag) {
        String noColor = env.get("NO_COLOR");
        return !noEmojiFlag && (noColor == null || noColor.isEmpty()) && charset.name().equalsIgnoreCase("UTF-8");
    }
}
