package io.jobrun.job;

import io.jobrun.job.text.Suggestions;
import java.util.List;

/**
 * What {@code cache:} says of a task: {@code false} runs it every time; {@code true} (the default) lets a resume
 * reuse it while its key is unchanged, its input files compared by path, size and modification time;
 * {@code content} compares them by their bytes, for file systems whose times cannot be trusted.
 */
public enum CacheMode {
    OFF("false"),
    STAT("true"),
    CONTENT("content");

    private static final List<String> WORDS = List.of("true", "false", "content");

    private final String word;

    CacheMode(String word) {
        this.word = word;
    }

    /** As a job file writes it: "false", "true", "content". */
    public String word() {
        return word;
    }

    /**
     * The mode a job file gives: true, false, or the text "content".
     *
     * @param what how the message names the option, "cache"
     * @throws OptionValueException for anything else
     */
    public static CacheMode of(Object value, String what) {
        if (value instanceof Boolean flag) {
            return flag ? STAT : OFF;
        }
        if (value instanceof CharSequence text && text.toString().equals(CONTENT.word)) {
            return CONTENT;
        }
        String given = value instanceof CharSequence text ? "'" + text + "'" : Values.describe(value);
        throw new OptionValueException(what + " must be true, false or 'content' (compare input files by their "
                + "bytes), got " + given + (value instanceof CharSequence text ? Suggestions.hint(text.toString(), WORDS)
                : ""));
    }
}
