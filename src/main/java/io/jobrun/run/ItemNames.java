package io.jobrun.run;

import io.jobrun.job.ItemText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the items of one fan-out read in task names: {@code analyze[a.txt]}, each name its own, since a name selects
 * an item ({@code --rerun 'analyze[a.txt]'}) and is a test's name in a JUnit report.
 *
 * <p>An item is named by its text ({@link ItemText}: a string, a number, a file's name, the values of a matrix's
 * combination) when that is short; a long path by as many of its last parts as tell it from the others
 * ({@code run-01/metrics.json}, {@code run-02/metrics.json}); and by its index when it has no short name, or its name
 * is an earlier item's.
 */
final class ItemNames {
    private static final int MAX = ItemText.MAX;

    private ItemNames() {
    }

    static List<String> of(List<?> items) {
        int count = items.size();
        String[] texts = new String[count];
        String[] names = new String[count];
        int[] parts = new int[count];
        boolean anyLongPath = false;
        for (int i = 0; i < count; i++) {
            texts[i] = ItemText.of(items.get(i));
            if (texts[i] != null && texts[i].length() > MAX && texts[i].indexOf('/') >= 0) {
                parts[i] = 1;
                names[i] = lastParts(texts[i], 1);
                anyLongPath = true;
            } else {
                names[i] = texts[i];
            }
        }
        if (anyLongPath) {
            lengthenSharedPaths(texts, names, parts);
        }
        List<String> unique = new ArrayList<>(count);
        ItemText.Names given = new ItemText.Names();
        for (int i = 0; i < count; i++) {
            unique.add(given.next(names[i]));
        }
        return unique;
    }

    /** Gives each path named by its last parts one part more while another item's name is the same. */
    private static void lengthenSharedPaths(String[] texts, String[] names, int[] parts) {
        boolean lengthened = true;
        while (lengthened) {
            lengthened = false;
            Map<String, Integer> uses = new HashMap<>();
            for (String name : names) {
                if (name != null) {
                    uses.merge(name, 1, Integer::sum);
                }
            }
            for (int i = 0; i < names.length; i++) {
                if (parts[i] > 0 && uses.get(names[i]) > 1 && names[i].length() < texts[i].length()
                        && names[i].length() <= MAX) {
                    names[i] = lastParts(texts[i], ++parts[i]);
                    lengthened = true;
                }
            }
        }
    }

    /** The last {@code count} parts of the path {@code text}, or all of it. */
    private static String lastParts(String text, int count) {
        int at = text.length();
        for (int i = 0; i < count; i++) {
            at = text.lastIndexOf('/', at - 1);
            if (at < 0) {
                return text;
            }
        }
        return text.substring(at + 1);
    }
}
