package io.jobrun.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a {@code -p} text becomes once its parameter is declared: a value of the default's type, or a problem. */
class ParametersTests {
    private static Object given(String text, Object defaultValue) {
        Parameters parameters = new Parameters(Map.of("x", text));
        assertEquals(Optional.empty(), parameters.declare("x", defaultValue));
        return parameters.values().get("x");
    }

    @Test
    void aWholeNumberTakesTheJavaTypeGroovyGivesALiteralOfItsSize() {
        assertEquals(7, given("007", 3));
        assertEquals(-5_000_000_000L, given("-5000000000", 3));
        assertEquals(new BigInteger("100000000000000000000"), given("100000000000000000000", 3L));
    }

    @Test
    void aDecimalNumberTakesItsDefaultsType() {
        assertEquals(new BigDecimal("2.50"), given(" 2.50 ", new BigDecimal("1.5")));
        assertEquals(2.5, given("2.5", 1.5d));
    }

    @Test
    void trueAndFalseAreReadInAnyCaseAndNothingElseIs() {
        assertEquals(false, given("FALSE", true));
        assertEquals(true, given("True", false));
        Parameters parameters = new Parameters(Map.of("x", "1"));
        assertTrue(parameters.declare("x", false).isPresent());
        assertEquals(false, parameters.values().get("x"), "the default stays, for the rest of the file's reading");
    }

    @Test
    void textStaysAsGivenAndEachValueHasItsOwnText() {
        Parameters parameters = new Parameters(Map.of("name", " a b ", "n", "+4"));
        parameters.declare("name", "w");
        parameters.declare("n", 1);
        assertEquals(Map.of("name", " a b ", "n", 4), parameters.values());
        assertEquals(Map.of("name", " a b ", "n", "4"), parameters.texts());
    }

    @Test
    void aNameDeclaredTwiceKeepsItsFirstDefault() {
        Parameters parameters = new Parameters(Map.of());
        parameters.declare("n", 1);
        assertEquals(Optional.empty(), parameters.declare("n", "one"));
        assertEquals(1, parameters.values().get("n"));
    }

    @Test
    void aDefaultHoldingAnExpressionIsRefusedAndADoubledDollarIsALiteral() {
        Parameters parameters = new Parameters(Map.of());
        assertTrue(parameters.declare("out", "${env.HOME}/out").isPresent());
        assertEquals(Optional.empty(), parameters.declare("format", "$${name}-$${version}"));
        assertEquals("${name}-${version}", parameters.values().get("format"));
    }
}
