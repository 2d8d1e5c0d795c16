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
     * {@code value} with {@code decimals} decimals, as {@code String.format(Locale.ROOT, "%.Nf")} writes it: its
     * shortest decimal form ({@link Double#toString}) rounded half up. NOTE: by hand, as the first such
     * {@code String.format} sets up the JDK's locale data and {@code BigDecimal}'s first use its tables (5-30 ms, at
     * the end of every run, in front of its summary).
     */
    static String fixed(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
        }
        String shortest = Double.toString(Math.abs(value)); // "12.345", "1.2345E7" or "1.0E-5"
        int e = shortest.indexOf('E');
        String mantissa = e < 0 ? shortest : shortest.substring(0, e);
        int dot = mantissa.indexOf('.');
        StringBuilder digits = new StringBuilder(mantissa.length()).append(mantissa, 0, dot).append(mantissa, dot + 1,
                mantissa.length());
        int point = dot + (e < 0 ? 0 : Integer.parseInt(shortest.substring(e + 1))); // digits before the point
        if (point <= 0) {
            digits.insert(0, "0".repeat(1 - point));
            point = 1;
        }
        while (digits.length() <= point + decimals) {
            digits.append('0');
        }
        boolean up = digits.charAt(point + decimals) >= '5';
        digits.setLength(point + decimals);
        for (int i = digits.length() - 1; up && i >= 0; i--) {
            up = digits.charAt(i) == '9';
            digits.setCharAt(i, up ? '0' : (char) (digits.charAt(i) + 1));
        }
        if (up) {
            digits.insert(0, '1');
            point++;
        }
        while (point > 1 && digits.charAt(0) == '0') {
            digits.deleteCharAt(0);
            point--;
        }
        if (decimals > 0) {
            digits.insert(point, '.');
        }
        return (Double.doubleToRawLongBits(value) < 0 ? "-" : "") + digits;
    }

    static String fixed3(double value) {
        StringBuilder text = new StringBuilder(12);
        fixed3(value, text);
        return text.toString();
    }
}
