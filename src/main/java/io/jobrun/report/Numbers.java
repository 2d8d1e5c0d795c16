package io.jobrun.report;

import io.jobrun.json.JsonWriter;

/** Numbers written without {@code String.format}, which costs a microsecond a call: too much at 100,000 tasks. */
final class Numbers {
    private Numbers() {
    }

    /** {@code value} with three decimals: "12.345", "0.000", "-1.500". */
    static void fixed3(double value, StringBuilder out) {
        JsonWriter.fixed3(value, out);
    }

    /**
     * {@code value} with {@code decimals} decimals, as {@code String.format(Locale.ROOT, "%.Nf")} writes it (its
     * shortest decimal form rounded half up), without the JDK's locale data that the first such call sets up (5-15 ms
     * at the end of every run, in front of its summary).
     */
    static String fixed(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
        }
        return java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    static String fixed3(double value) {
        StringBuilder text = new StringBuilder(12);
        fixed3(value, text);
        return text.toString();
    }
}
