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

    static String fixed3(double value) {
        StringBuilder text = new StringBuilder(12);
        fixed3(value, text);
        return text.toString();
    }
}
