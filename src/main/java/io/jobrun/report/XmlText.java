package io.jobrun.report;

import java.util.regex.Pattern;

/**
 * Text made fit for an XML 1.0 file that CI servers read: escaped, without the characters XML forbids (NUL and most
 * control characters, lone surrogates, U+FFFE and U+FFFF, which make Jenkins and GitLab reject the whole file), and
 * for a task's output without terminal colour codes, cut to its head and tail.
 */
final class XmlText {
    /** CSI sequences (colours, cursor moves) and OSC sequences (window titles, links) of a terminal. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*"
            + "(?:\u0007|\u001B\\\\)?|\u001B[@-Z\\\\-_]");

    private XmlText() {
    }

    /** {@code text} for an attribute's value: quotes and line breaks escaped as well. */
    static String attribute(String text) {
        return escape(text, true);
    }

    /** {@code text} for an element's content. */
    static String content(String text) {
        return escape(text, false);
    }

    /**
     * A task's output as {@code system-out} holds it: terminal codes removed, and when longer than {@code max}
     * characters its first and last halves with a line saying how much was cut between them.
     */
    static String output(String text, int max) {
        String plain = text.indexOf('\u001B') >= 0 ? ANSI.matcher(text).replaceAll("") : text;
        if (plain.length() <= max) {
            return plain;
        }
        int half = max / 2;
        int headEnd = Character.isHighSurrogate(plain.charAt(half - 1)) ? half - 1 : half;
        int tailStart = plain.length() - half;
        if (Character.isLowSurrogate(plain.charAt(tailStart))) {
            tailStart++;
        }
        return plain.substring(0, headEnd) + "\n[... " + (tailStart - headEnd) + " characters cut ...]\n"
                + plain.substring(tailStart);
    }

    private static String escape(String text, boolean attribute) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            String replacement;
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            replacement = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> attribute ? "&quot;" : null;
                case '\n' -> attribute ? "&#10;" : null;
                case '\r' -> "&#13;";
                case '\t' -> attribute ? "&#9;" : null;
                default -> allowed(c) ? null : "";
            };
            if (replacement == null) {
                if (out != null) {
                    out.append(c);
                }
            } else {
                if (out == null) {
                    out = new StringBuilder(length + 16).append(text, 0, i);
                }
                out.append(replacement);
            }
        }
        return out == null ? text : out.toString();
    }

    /** Whether XML 1.0 allows {@code c} on its own (pairs of surrogates are handled by the caller). */
    private static boolean allowed(char c) {
        return c >= 0x20 && c < 0xD800 || c >= 0xE000 && c <= 0xFFFD || c == '\t' || c == '\n' || c == '\r';
    }
}
