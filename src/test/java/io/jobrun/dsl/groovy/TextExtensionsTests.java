package io.jobrun.dsl.groovy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import groovy.lang.IntRange;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.runtime.DefaultGroovyMethods;
import org.codehaus.groovy.runtime.StringGroovyMethods;
import org.junit.jupiter.api.Test;

/** jobrun's {@code join} and {@code +} of a string give what Groovy's own give, for values of every kind. */
class TextExtensionsTests {
    private static final List<Object> VALUES = Arrays.asList(null, "text", 42, 1.5d, 'c', true, List.of(1, "a"),
            Map.of("k", List.of(2)), Map.of(), new int[] {1, 2}, new IntRange(1, 3),
            new PlainGString(new Object[] {1}, new String[] {"g", ""}), new Object());

    @Test
    void joinWritesEachItemAsGroovysJoinDoes() {
        for (String separator : Arrays.asList(", ", "", null)) {
            assertEquals(DefaultGroovyMethods.join((Iterable<?>) VALUES, separator),
                    TextExtensions.join(VALUES, separator));
        }
        LinkedHashSet<Object> set = new LinkedHashSet<>(List.of("s", 2));
        assertEquals(DefaultGroovyMethods.join((Iterable<?>) set, "-"), TextExtensions.join(set, "-"));
        assertEquals(DefaultGroovyMethods.join((Iterable<?>) List.of(), "-"), TextExtensions.join(List.of(), "-"));
    }

    @Test
    void plusWritesTheValueAsGroovysPlusDoes() {
        for (Object value : VALUES) {
            assertEquals(StringGroovyMethods.plus((CharSequence) "n: ", value), TextExtensions.plus("n: ", value),
                    () -> "plus of " + value);
            PlainGString string = new PlainGString(new Object[] {1}, new String[] {"g", " "});
            assertEquals(StringGroovyMethods.plus((CharSequence) string, value), TextExtensions.plus(string, value),
                    () -> "plus to a string with values of " + value);
        }
    }
}
