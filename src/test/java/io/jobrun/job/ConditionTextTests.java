package io.jobrun.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.job.expr.ExpressionException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a condition's text reads: its operators, their order, quotes and what is refused before a run. */
class ConditionTextTests {
    private static final Map<String, Object> ROOTS = Map.of("params", Map.of("env", "dev", "dry", false,
            "answer", 42, "names", List.of("a", "b")));

    private static boolean holds(String text) {
        Condition condition = new Condition(text);
        assertNull(condition.problem(), text);
        return condition.holds(ROOTS);
    }

    @Test
    void andBindsBeforeOrAsInGroovy() {
        assertTrue(holds("true || false && false"));
        assertFalse(holds("false && true || false"));
        assertTrue(holds("${params.env} == prod || ${params.env} == dev && !${params.dry}"));
    }

    @Test
    void comparedValuesAreTheirTextAndAWordMayHoldAnExpression() {
        assertTrue(holds("${params.answer} == 42"));
        assertTrue(holds("${params.answer} == '42'"));
        assertTrue(holds("env-${params.env} == env-dev"));
        assertTrue(holds("'dev' == ${params.env}"));
        assertTrue(holds("${params.env} != 'dev '"), "quotes keep spaces");
        assertTrue(holds("'two words' != ${params.env}"));
    }

    /** As a shell's {@code $CI}: a variable that is not set is empty text, and empty text alone is false. */
    @Test
    void anUnsetEnvironmentVariableIsEmptyTextAndEmptyTextAloneIsFalse() {
        Map<String, Object> roots = Map.of("env", Map.of("CI", "true"), "params", Map.of("blank", ""));
        assertTrue(new Condition("${env.CI} == true").holds(roots));
        assertFalse(new Condition("${env.DEPLOY_TO} == prod").holds(roots));
        assertTrue(new Condition("${env.DEPLOY_TO} == ''").holds(roots));
        assertFalse(new Condition("${env.DEPLOY_TO}").holds(roots));
        assertTrue(new Condition("!${env.DEPLOY_TO} && ${env.CI}").holds(roots));
        assertFalse(new Condition("${params.blank}").holds(roots));
        ExpressionException missing = assertThrows(ExpressionException.class,
                () -> new Condition("${params.nothing}").holds(roots));
        assertTrue(missing.getMessage().contains("params has no 'nothing'"), missing.getMessage());
    }

    @Test
    void quotedTrueIsTextNotATruthValue() {
        assertEquals("when: takes true, false, or a test of ${...} values: ${params.deploy}, ${params.env} == prod,"
                + " with !, !=, && and ||; got ''true''", new Condition("'true'").problem());
    }

    @Test
    void aValueAloneThatIsNotTrueOrFalseFailsWhenRead() {
        ExpressionException error = assertThrows(ExpressionException.class,
                () -> new Condition("${params.env} && true").holds(ROOTS));
        assertEquals("when: ${params.env} && true: ${params.env} is 'dev'; a condition is true or false",
                error.getMessage());
        assertThrows(ExpressionException.class, () -> new Condition("${params.names} == a").holds(ROOTS));
    }

    @Test
    void mistakesAreRefusedBeforeTheRunWithWhatWasMeant() {
        assertEquals("when: = alone is no operator; write == (in '${params.env} = prod')",
                new Condition("${params.env} = prod").problem());
        assertEquals("when: & alone is no operator; write && (in '${params.a} & ${params.b}')",
                new Condition("${params.a} & ${params.b}").problem());
        assertEquals("when: expected a value after ==, not '&&' in '${params.a} == && true'",
                new Condition("${params.a} == && true").problem());
        assertEquals("when: expected a value after == in '${params.a} =='", new Condition("${params.a} ==").problem());
        assertEquals("when: expected ==, !=, && or || after '${params.a}', not 'or' (write || for or) in"
                + " '${params.a} or ${params.b}'", new Condition("${params.a} or ${params.b}").problem());
        assertEquals("when: takes no parentheses (&& binds before ||); got '(${params.a})'",
                new Condition("(${params.a})").problem());
        assertEquals("when: a quote is not closed (expected ') in ''prod == ${params.env}'",
                new Condition("'prod == ${params.env}").problem());
        assertEquals("when: expected a ${...} whose value is true or false after !, not prod in '!prod'",
                new Condition("!prod").problem());
        assertEquals("when: 'prod == prod' compares two fixed texts; a value is written ${...} (${params.env})",
                new Condition("prod == prod").problem());
    }
}
