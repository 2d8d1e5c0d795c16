package io.jobrun.job;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as job files write them ("500ms", "10s", "1.5m", "2h") and as reports print them ("1.50s"). */
public final class Durations {
    /** What every parse error says was expected. */
    public static final String EXPECTED = "a number and a unit: 500ms, 10s, 1.5m, 2h";
    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses "500ms", "10s", "1.5m" or "2h".
     *
     * @throws IllegalArgumentException "invalid duration '10x' (expected a number and a unit: ...)"
     */
    public static Duration parse(String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid duration '" + text + "' (expected " + EXPECTED + ")");
        }
        double amount = Double.parseDouble(m.group(1));
        long unitMillis = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1000;
            case "m" -> 60_000;
            default -> 3_600_000;
        };
        return Duration.ofNanos(Math.round(amount * unitMillis * 1_000_000));
    }

    /**
     * "0.25s", "3.10s", "2m05s": short and stable for reports. NOTE: written out, as {@code String.format}'s first
     * number sets up the JDK's locale data (5-15 ms, at the first task's progress line of every run).
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 0) {
            return String.format(Locale.ROOT, "%.2fs", millis / 1000.0);
        }
        if (millis < 60_000) {
            long hundredths = (millis + 5) / 10; // half up, as %.2f rounds millis / 1000.0
            return hundredths / 100 + "." + twoDigits(hundredths % 100) + "s";
        }
        long seconds = millis / 1000;
        return seconds / 60 + "m" + twoDigits(seconds % 60) + "s";
    }

    private static String twoDigits(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
    }

    /** "500ms", "10s", "2m": how a declared limit reads in a plan; the inverse of {@link #parse}. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0 && millis > 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
