package io.jobrun.job.text;

/** How a message quotes text from a job file or a value, so that every message quotes alike. */
public final class Excerpt {
    private Excerpt() {
    }

    /**
     * {@code text} on one line (a line break would look like the start of another problem) and at most 40 characters,
     * in quotes, e.g. {@code 'mkdir -p target\n"$JAVA_HOME/bin/jwebs...'}.
     */
    public static String of(CharSequence text) {
        String shown = text.length() > 40 ? text.subSequence(0, 40) + "..." : text.toString();
        return "'" + shown.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t") + "'";
    }
}
