package io.jobrun.report;

/** Numbers written without {@code String.format}, which costs a microsecond a call: too much at 100,000 tasks. */
final class Numbers {
    private Numbers() {
    }

    /** {@code value} with three decimals: "12.345", "0.000", "-1.500". */
    static void fixed3(double value, StringBuilder out) {
        long thousandths = Math.round(value * 1000);
        if (thousandths < 0) {
            out.append('-');
            thousandths = -thousandths;
        }
        out.append(thousandths / 1000).append('.');
        long fraction = thousandths % 1000;
        if (fraction < 100) {
            out.append('0');
        }
        if (fraction < 10) {
            out.append('0');
        }
        out.append(fraction);
    }

    static String fixed3(double value) {
        StringBuilder text = new StringBuilder(12);
        fixed3(value, text);
        return text.toString();
    }
}
