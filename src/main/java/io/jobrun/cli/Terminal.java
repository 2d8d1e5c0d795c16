package io.jobrun.cli;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * What the CLI knows of where it runs; tests pass their own.
 *
 * @param env          environment variables ({@code NO_COLOR})
 * @param charset      the encoding of stdout; emoji only when it is UTF-8
 * @param interactive  whether stderr is a terminal, for the live progress line
 */
record Terminal(Map<String, String> env, Charset charset, boolean interactive) {

    static Terminal detect() {
        String encoding = System.getProperty("stdout.encoding", Charset.defaultCharset().name());
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (RuntimeException e) {
            charset = Charset.defaultCharset();
        }
        return new Terminal(System.getenv(), charset, isTerminal());
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

    boolean emoji(boolean noEmojiFlag) {
        String noColor = env.get("NO_COLOR");
        return !noEmojiFlag && (noColor == null || noColor.isEmpty()) && charset.name().equalsIgnoreCase("UTF-8");
    }
}
