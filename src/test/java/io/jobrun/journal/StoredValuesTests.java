package io.jobrun.journal;

import io.jobrun.json.Json;
import io.jobrun.task.ShellResult;
import io.jobrun.task.http.HttpResult;
import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StoredValuesTests {
    private static Object roundTrip(Object value) throws StoredValues.NotStorable {
        return StoredValues.decode(Json.read(Json.write(StoredValues.encode(value))));
    }

    @Test
    void everyStorableResultComesBackEqualAndOfTheSameType() throws StoredValues.NotStorable {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", Arrays.asList(null, true, "x\n\"y\"\u0001\uD83D\uDE00"));
        map.put("$path", "a map that looks like a tag");
        List<Object> values = Arrays.asList(null, 42, 42L, 1L << 40, new BigInteger("123"),
                new BigInteger("123456789012345678901234567890"), 1.5, Double.NaN, 2.5f, new BigDecimal("1.50"),
                "text", Path.of("jobs/data/a.txt"), new File("jobs/data/b.txt"), new ShellResult(3, "out\n", "err"),
                new HttpResult("GET", "http://127.0.0.1/", 200, 5, "hello"), new LinkedHashSet<>(List.of(3, 1, 2)),
                map, List.of(List.of(), Map.of()));
        for (Object value : values) {
            // NOTE: equals tells 42 from 42L, a BigInteger from a Long, 1.50 from 1.5, a File from a Path.
            assertEquals(value, roundTrip(value), String.valueOf(value));
        }
    }

    @Test
    void resultThatIsNotAValueIsNotStorableAndNamesItsClass() {
        StoredValues.NotStorable socket = assertThrows(StoredValues.NotStorable.class,
                () -> StoredValues.encode(List.of(1, Map.of("conn", new Socket()))));
        assertEquals("java.net.Socket", socket.getMessage());
        Map<Object, Object> numberKeys = new HashMap<>();
        numberKeys.put(1, "one");
        assertEquals("a map with java.lang.Integer keys", assertThrows(StoredValues.NotStorable.class,
                () -> StoredValues.encode(numberKeys)).getMessage());
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertEquals("nested deeper than 200", assertThrows(StoredValues.NotStorable.class,
                () -> StoredValues.encode(cycle)).getMessage());
    }
}
