package io.jobrun.report;

import io.jobrun.run.RunIdentity;

/**
 * The start of a long text, and the hash of all of it, so that a report stays small and two results can still be
 * compared.
 *
 * @param text      at most the preview's length
 * @param truncated whether the text was longer
 * @param sha256    of the whole text, UTF-8, in lower-case hex: two runs' results compare by it however long they are
 */
record Preview(String text, boolean truncated, String sha256) {
    static Preview of(String whole, int max) {
        boolean truncated = whole.length() > max;
        return new Preview(cut(whole, max), truncated, RunIdentity.sha256(whole));
    }

    /** The first {@code max} characters of {@code text}, never half of a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
