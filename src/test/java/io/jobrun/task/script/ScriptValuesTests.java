package io.jobrun.task.script;

import static io.jobrun.task.script.Scripts.js;
import static io.jobrun.task.script.Scripts.python;
import static io.jobrun.task.script.Scripts.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.bench.ScriptBenchmarks;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inputs go in as the guest's own values, results come back as plain Java values, in both languages. */
class ScriptValuesTests {
    private static final Map<String, Object> PARAMS = Map.of("factor", 3, "name", "run");

    private static ScriptInputs inputs() {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("fetch", List.of(1, 2, 3));
        results.put("nothing", null);
        return new ScriptInputs(Map.of("n", 7), PARAMS, results);
    }

    @Test
    void javascriptSeesItemParamsAndResultsAsPlainObjects() {
        Object value = run(js("item.n * params.factor + results.fetch.length + (results.nothing === null ? 100 : 0)"),
                inputs());
        assertEquals(124, value);
    }

    @Test
    void pythonSeesItemParamsAndResultsAsDictsAndLists() {
        Object value = run(python("""
                assert type(item) is dict and type(results['fetch']) is list
                item['n'] * params['factor'] + sum(results['fetch']) + (100 if results['nothing'] is None else 0)
                """), inputs());
        assertEquals(127, value);
    }

    @Test
    void javascriptReturnsNestedObjectsAsMapsAndLists() {
        Object value = run(js("({count: 2, ratio: 0.5, name: 'x', ok: true, none: null, list: [1, [2], {a: 'b'}]})"));
        Map<?, ?> map = assertInstanceOf(Map.class, value);
        assertEquals(List.of("count", "ratio", "name", "ok", "none", "list"), List.copyOf(map.keySet()));
        assertEquals(2, map.get("count"));
        assertEquals(0.5, map.get("ratio"));
        assertEquals("x", map.get("name"));
        assertEquals(true, map.get("ok"));
        assertNull(map.get("none"));
        assertEquals(List.of(1, List.of(2), Map.of("a", "b")), map.get("list"));
    }

    @Test
    void pythonReturnsDictsTuplesSetsAndBigIntegersAsPlainValues() {
        Object value = run(python("{'t': (1, 2), 's': {3}, 'big': 2 ** 70, 'long': 2 ** 40, 'f': 1.5, 'none': None}"));
        Map<?, ?> map = assertInstanceOf(Map.class, value);
        assertEquals(List.of(1, 2), map.get("t"));
        assertEquals(List.of(3), map.get("s"));
        assertEquals(BigInteger.TWO.pow(70), map.get("big"));
        assertEquals(1L << 40, map.get("long"));
        assertEquals(1.5, map.get("f"));
        assertTrue(map.containsKey("none"));
        assertNull(map.get("none"));
    }

    /** 2^70 + 1: past a long, and past what a double holds exactly. */
    private static final BigInteger BIG = BigInteger.TWO.pow(70).add(BigInteger.ONE);

    private static ScriptInputs item(Object item) {
        return new ScriptInputs(item, Map.of(), Map.of());
    }

    @Test
    void aBigIntegerReachesPythonAsAnExactInt() {
        Object value = run(python("assert type(item) is int\nitem + 1"), item(BIG));
        assertEquals(BIG.add(BigInteger.ONE), value);
    }

    @Test
    void aBigIntegerReachesJavaScriptAsABigInt() {
        assertEquals("bigint 1180591620717411303426", run(js("typeof item + ' ' + (item + 1n)"), item(BIG)));
    }

    @Test
    void aLongPastTwoToThe53ReachesJavaScriptExactly() {
        assertEquals("bigint 1152921504606846977", run(js("typeof item + ' ' + item"), item((1L << 60) + 1)));
        assertEquals("number 9007199254740991", run(js("typeof item + ' ' + item"), item((1L << 53) - 1)));
    }

    @Test
    void aJavaScriptBigIntComesBackExact() {
        assertEquals(BIG, run(js("2n ** 70n + 1n")));
    }

    @Test
    void aBigIntegerInsideResultsStaysExactInBothLanguages() {
        ScriptInputs inputs = new ScriptInputs(null, Map.of(), Map.of("sums", List.of(BIG, 1)));
        assertEquals(BIG.multiply(BigInteger.TWO), run(python("results['sums'][0] * 2"), inputs));
        assertEquals(BIG.multiply(BigInteger.TWO), run(js("results.sums[0] * 2n"), inputs));
    }

    @Test
    void pythonFunctionNamedAsEntryPointIsCalledWithTheArguments() {
        Script script = python(ScriptBenchmarks.COUNT_PRIMES).calling("count_primes", List.of(100_000));
        assertEquals(9592, run(script));
    }

    @Test
    void javascriptFunctionNamedAsEntryPointGetsListAndNullArguments() {
        Script script = js("function describe(xs, missing) { return xs.join('-') + ':' + (missing === null); }")
                .calling("describe", Arrays.asList(List.of("a", "b"), null));
        assertEquals("a-b:true", run(script));
    }

    @Test
    void entryPointTheScriptDoesNotDefineIsReportedByName() {
        for (Script script : List.of(js("function other() {}"), python("def other(): pass"))) {
            ScriptException e = assertThrows(ScriptException.class, () -> run(script.calling("main", List.of())));
            assertTrue(e.getMessage().contains("the script defines no function 'main' to call"), e.getMessage());
        }
    }

    @Test
    void functionReturnedAsAValueIsRefusedWithWhatWasReturned() {
        ScriptException js = assertThrows(ScriptException.class, () -> run(js("(function f() {})")));
        assertTrue(js.getMessage().contains("a script must return numbers, strings, booleans, null/None, lists or"
                + " maps/dicts; it returned a function"), js.getMessage());
        ScriptException py = assertThrows(ScriptException.class, () -> run(python("class Point: pass\nPoint()")));
        assertTrue(py.getMessage().contains("it returned a Point"), py.getMessage());
    }

    @Test
    void printedOutputGoesToTheTaskLogInBothLanguages() {
        assertEquals("to the log\nerr too\n", Scripts.output(js("console.log('to the log'); console.error('err too')")));
        assertEquals("to the log\nerr too\n", Scripts.output(python("""
                import sys
                print('to the log')
                print('err too', file=sys.stderr)
                """)));
    }

    @Test
    void javascriptTopLevelConstantsDoNotCollideBetweenTasks() {
        // Each JavaScript task gets a fresh context: the second run would fail on a redeclared const otherwise.
        assertEquals(1, run(js("const once = 1; once")));
        assertEquals(1, run(js("const once = 1; once")));
    }

    @Test
    void pythonTaskDoesNotSeeNamesAnEarlierTaskDefinedOnTheSameThread() {
        run(python("def helper():\n    return 1\nleft_over = 42"));
        assertEquals(List.of(false, false), run(python("['helper' in globals(), 'left_over' in globals()]")));
    }

    @Test
    void inputThatIsNotAPlainValueIsRefusedWithItsType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(js("item"), ScriptInputs.ofItem(new Object())));
        assertTrue(e.getMessage().contains("a script input must be a plain value"), e.getMessage());
        assertTrue(e.getMessage().endsWith("got a java.lang.Object"), e.getMessage());
    }
}
