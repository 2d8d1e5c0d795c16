package io.jobrun.job;

import java.util.Objects;

/**
 * A task name as the command line gives it: literal text where {@code *} stands for any run of characters and
 * {@code ?} for one. Brackets are literal, so that {@code analyze[*]} matches the items of the fan-out
 * {@code analyze} ({@code analyze[a.txt]}, ...) as the report names them.
 */
public record NamePattern(String text) {
    public NamePattern {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a task name cannot be empty");
        }
    }

    /** Whether it has a {@code *} or a {@code ?}: a name that is not meant literally. */
    public boolean isGlob() {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    /**
     * The fan-out part of {@code NAME[ITEM]}: the pattern before the first bracket, or null when the text does not
     * end with a bracketed item.
     */
    public NamePattern spec() {
        int open = text.indexOf('[');
        return open > 0 && text.endsWith("]") ? new NamePattern(text.substring(0, open)) : null;
    }

    /** Whether {@code name} matches; a star backtracks only to the last star, so the cost stays linear in practice. */
    public boolean matches(String name) {
        int n = 0;
        int p = 0;
        int starAt = -1;
        int starName = 0;
        while (n < name.length()) {
            char c = p < text.length() ? text.charAt(p) : 0;
            if (p < text.length() && (c == '?' || c == name.charAt(n)) && c != '*') {
                n++;
                p++;
            } else if (p < text.length() && c == '*') {
                starAt = p++;
                starName = n;
            } else if (starAt >= 0) {
                p = starAt + 1;
                n = ++starName;
            } else {
                return false;
            }
        }
        while (p < text.length() && text.charAt(p) == '*') {
            p++;
        }
        return p == text.length();
    }

    @Override
    public String toString() {
        return text;
    }
}
