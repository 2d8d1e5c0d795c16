package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The summary's speed-up and throughput read as {@code String.format(Locale.ROOT, "%.1f")} and {@code "%.2f"} wrote
 * them, rounding included, though written without it.
 */
class NumbersTests {
    @Test
    void fixedDecimalsReadAsStringFormatWritesThem() {
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 50_000; i++) {
            double value = switch (i % 3) {
                case 0 -> random.nextDouble() * 10;
                case 1 -> random.nextInt(100_000) / 1000.0; // halves and ties in the shortest decimal form
                default -> random.nextDouble() * Math.pow(10, random.nextInt(-6, 12));
            };
            for (int decimals = 1; decimals <= 2; decimals++) {
                assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", value), Numbers.fixed(value, decimals),
                        "of " + value);
            }
        }
        for (double value : new double[] {0, -0.0, 9.999, 99.95, 0.001, 1.0E-5, 1.23456789E8, 1.0E7, 9.9999999E7,
                5.0E-4, 123456.78901, Double.MAX_VALUE / 1e300, 2.5, 0.25, -1.005, 1e20}) {
            for (int decimals = 1; decimals <= 2; decimals++) {
                assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", value), Numbers.fixed(value, decimals),
                        "of " + value);
            }
        }
        assertEquals("0.1", Numbers.fixed(0.05, 1));
        assertEquals("1.01", Numbers.fixed(1.005, 2));
        assertEquals("0.00", Numbers.fixed(0, 2));
    }
}
