package io.jobrun.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A matrix fans out over every combination of its axes' values, as a CI matrix does. */
class MatrixTests {
    private static Map<String, List<?>> axes(Object... axisAndValues) {
        Map<String, List<?>> axes = new LinkedHashMap<>();
        for (int i = 0; i < axisAndValues.length; i += 2) {
            axes.put((String) axisAndValues[i], (List<?>) axisAndValues[i + 1]);
        }
        return axes;
    }

    @Test
    void everyCombinationComesOnceTheFirstAxisChangingSlowest() {
        List<Object> items = ItemSource.Items.matrix(axes("os", List.of("linux", "mac"), "py", List.of(11, 12),
                "arch", List.of("x64"))).items();
        assertEquals(List.of(
                Map.of("os", "linux", "py", 11, "arch", "x64"), Map.of("os", "linux", "py", 12, "arch", "x64"),
                Map.of("os", "mac", "py", 11, "arch", "x64"), Map.of("os", "mac", "py", 12, "arch", "x64")), items);
        assertEquals(List.of("os", "py", "arch"), List.copyOf(((Map<?, ?>) items.get(0)).keySet()),
                "each combination keeps the axes in the order written");
    }

    @Test
    void anAxisWithoutValuesIsRefusedByName() {
        RuleException e = assertThrows(RuleException.class, () -> ItemSource.Items.matrix(axes("os", List.of("linux"),
                "py", List.of())));
        assertEquals("py", e.part());
        assertEquals("matrix axis 'py' has no values", e.getMessage());
    }

    @Test
    void aMatrixWithoutAxesOrWithTooManyCombinationsIsRefused() {
        assertEquals("matrix", assertThrows(RuleException.class, () -> ItemSource.Items.matrix(axes())).part());
        List<Integer> thousand = java.util.stream.IntStream.range(0, 1000).boxed().toList();
        RuleException tooMany = assertThrows(RuleException.class, () -> ItemSource.Items.matrix(axes("a", thousand,
                "b", thousand, "c", thousand)));
        assertEquals("a matrix of more than 10000000 combinations is too large", tooMany.getMessage());
    }
}
