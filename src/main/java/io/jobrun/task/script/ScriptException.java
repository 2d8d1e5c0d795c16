package io.jobrun.task.script;

/**
 * A script failed: a guest-language exception, a syntax error, or a value that cannot come back as a plain Java value.
 *
 * <p>The message reads {@code jobs/primes.yaml:14: Python error: ZeroDivisionError: division by zero}: the place in the
 * file the user wrote (job file or script file), the language, and the guest's own message; no Truffle stack.
 */
public final class ScriptException extends RuntimeException {
    private final ScriptLanguage language;
    private final String guestMessage;
    private final String origin;
    /** Line in {@code origin}, or 0 when the guest did not say where. */
    private final int line;

    public ScriptException(ScriptLanguage language, String guestMessage, String origin, int line) {
        super(describe(language, guestMessage, origin, line), null, false, false);
        this.language = language;
        this.guestMessage = guestMessage;
        this.origin = origin;
        this.line = line;
    }

    private static String describe(ScriptLanguage language, String guestMessage, String origin, int line) {
        String place = line > 0 ? origin + ":" + line : origin;
        return place + ": " + language.displayName() + " error: " + guestMessage;
    }

    public ScriptLanguage language() {
        return language;
    }

    /** The guest's own message, e.g. "ZeroDivisionError: division by zero". */
    public String guestMessage() {
        return guestMessage;
    }

    /** The file the line belongs to: the script file, or the job file holding the code inline. */
    public String origin() {
        return origin;
    }

    /** The line in {@link #origin()}, or 0 when unknown. */
    public int line() {
        return line;
    }
}
