package io.jobrun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import io.jobrun.job.ItemSource;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each item of a fan-out has a name of its own, its text where that is short and no other item's. */
class ItemNamesTests {
    private static final String LONG = "results/experiment-alpha-with-a-long-name/";

    @Test
    void aShortTextANumberAndAFileAreNamedAsTheyRead() {
        assertEquals(List.of("a.txt", "42", "b.txt", "c.txt"), ItemNames.of(List.of("a.txt", 42, new File("d/b.txt"),
                Path.of("d/c.txt"))));
    }

    @Test
    void aLongPathIsNamedByAsManyOfItsLastPartsAsTellItFromTheOthers() {
        assertEquals(List.of("run-01/metrics.json", "run-02/metrics.json", "summary.json"), ItemNames.of(List.of(
                LONG + "run-01/metrics.json", LONG + "run-02/metrics.json", LONG + "run-02/summary.json")));
    }

    @Test
    void anItemWithoutAShortNameOrWithAnEarlierItemsNameIsNamedByItsIndex() {
        assertEquals(List.of("x", "1", "2", "3", "4"), ItemNames.of(Arrays.asList("x", "x", null, "two\nlines",
                "a".repeat(33))));
        assertEquals(List.of("0", "1"), ItemNames.of(List.of("/" + "a".repeat(40) + "/z", "/" + "b".repeat(40) + "/z")),
                "paths that differ only past the length a name may have");
    }

    @Test
    void aMatrixCombinationOrAPairIsNamedByItsValuesAsACiNamesAMatrixJob() {
        Map<String, List<?>> axes = new LinkedHashMap<>();
        axes.put("os", List.of("linux", "mac"));
        axes.put("py", List.of("3.11", "3.12"));
        assertEquals(List.of("linux, 3.11", "linux, 3.12", "mac, 3.11", "mac, 3.12"),
                ItemNames.of(ItemSource.Items.matrix(axes).items()));
        assertEquals(List.of("a, 1, true"), ItemNames.of(List.of(List.of("a", 1, true))));
    }

    @Test
    void aCombinationHoldingAListOrTooLongForANameIsNamedByItsIndex() {
        assertEquals(List.of("0", "1"), ItemNames.of(List.of(Map.of("os", List.of("linux")),
                List.of("a".repeat(20), "b".repeat(20)))));
    }

    @Test
    void anIndexThatIsAnEarlierItemsNameIsMarked() {
        assertEquals(List.of("2", "x", "#2", "1"), ItemNames.of(List.of("2", "x", "x", "1")));
    }

    @Test
    void theNamesOfOneHundredThousandItemsWithManyRepeatsAreAllDifferent() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            items.add(i % 3 == 0 ? LONG + "run-" + (i % 1000) + "/metrics.json" : String.valueOf(i % 5000));
        }
        List<String> names = ItemNames.of(items);
        assertEquals(items.size(), new HashSet<>(names).size());
    }
}
