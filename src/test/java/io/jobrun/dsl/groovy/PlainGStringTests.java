package io.jobrun.dsl.groovy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import groovy.lang.Closure;
import groovy.lang.IntRange;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.codehaus.groovy.runtime.GStringImpl;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.junit.jupiter.api.Test;

/**
 * A job file's strings with values write every value as Groovy's own GString does, whether they write it themselves
 * (plain values) or hand it to Groovy's formatter (the rest); {@code println} writes a value as Groovy's does.
 */
class PlainGStringTests {
    /** Values of every kind the class tells apart, each compared alone and all together. */
    private static List<Object> values() {
        List<Object> selfList = new ArrayList<>(List.of(1));
        selfList.add(selfList);
        Map<String, Object> selfMap = new LinkedHashMap<>(Map.of("a", 1));
        selfMap.put("me", selfMap);
        Object deep = List.of();
        for (int i = 0; i < 20; i++) {
            deep = List.of(deep, i);
        }
        Closure<Object> noArgument = new Closure<Object>(null) {
            @SuppressWarnings("unused") // called by Groovy
            public Object doCall() {
                return List.of("lazy", 1);
            }
        };
        Closure<Object> writing = new Closure<Object>(null) {
            @SuppressWarnings("unused") // called by Groovy
            public Object doCall(Object out) throws java.io.IOException {
                ((java.io.Writer) out).write("written");
                return null;
            }
        };
        Map<Object, Object> nested = new LinkedHashMap<>();
        nested.put("list", Arrays.asList(1, null, "two", List.of(3.5, 'c')));
        nested.put(7, Map.of());
        nested.put(null, true);
        return Arrays.asList(null, "text", "", 42, -7L, 1.5d, 2.5f, new BigDecimal("1.10"), 'x', true,
                TimeUnit.SECONDS, Duration.ofMillis(1500), new StringBuilder("built"), List.of(), List.of(1, "a"),
                Arrays.asList(null, List.of(List.of())), new LinkedHashSet<>(List.of("s", "t")), Map.of(), nested,
                selfList, selfMap, deep, new IntRange(1, 3), new int[] {1, 2}, new Object[] {"a", List.of(1)},
                new char[] {'h', 'i'}, noArgument, writing,
                new PlainGString(new Object[] {1, List.of(2)}, new String[] {"inner ", " and ", ""}),
                new PlainGString(new Object[] {new int[] {3}}, new String[] {"inner array ", ""}),
                new GStringImpl(new Object[] {Map.of("k", "v")}, new String[] {"groovy's ", ""}), new Object() {
                    @Override
                    public String toString() {
                        return "custom";
                    }
                });
    }

    @Test
    void eachValueIsWrittenAsGroovysOwnStringWritesIt() throws Exception {
        for (Object value : values()) {
            Object[] one = {value};
            String[] around = {"<", ">"};
            String expected = new GStringImpl(one, around).toString();
            assertEquals(expected, new PlainGString(one, around).toString(), () -> "toString of " + describe(value));
            StringWriter written = new StringWriter();
            new PlainGString(one, around).writeTo(written);
            assertEquals(expected, written.toString(), () -> "writeTo of " + describe(value));
        }
    }

    @Test
    void allValuesTogetherAreWrittenAsGroovysOwnStringWritesThem() {
        Object[] all = values().toArray();
        String[] strings = new String[all.length + 1];
        Arrays.fill(strings, " | ");
        assertEquals(new GStringImpl(all, strings).toString(), new PlainGString(all, strings).toString());
    }

    @Test
    void printlnWritesEachValueAsGroovysPrintlnDoes() {
        for (Object value : values()) {
            assertEquals(InvokerHelper.toString(value), PlainGString.text(value), () -> "text of " + describe(value));
        }
    }

    @Test
    void twoStringsWithValuesAddedAreOneOfTheSameClassReadingAsGroovysOwn() {
        Object[] first = {1, List.of(2)};
        Object[] second = {Map.of("k", 3)};
        String[] firstAround = {"a ", " b ", " c"};
        String[] secondAround = {" d ", ""};
        groovy.lang.GString added = new PlainGString(first, firstAround).plus(new PlainGString(second, secondAround));
        assertEquals(PlainGString.class, added.getClass());
        assertEquals(new GStringImpl(first, firstAround).plus(new GStringImpl(second, secondAround)).toString(),
                added.toString());
    }

    @Test
    void eachValueIsWrittenOnceWhenGroovysFormatterWritesTheString() {
        int[] calls = {0};
        Object counted = new Object() {
            @Override
            public String toString() {
                return "call " + ++calls[0];
            }
        };
        Object[] values = {counted, List.of(counted), new int[] {1}};
        String written = new PlainGString(values, new String[] {"", " ", " ", ""}).toString();
        assertEquals("call 1 [call 2] [1]", written, "each toString ran once, in order, as in Groovy's own");
        assertEquals(2, calls[0]);
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
