package io.jobrun.journal;

import io.jobrun.run.InstanceId;
import io.jobrun.run.TaskInstance;

/**
 * The name an instance's lines leave out, as the reader makes it again from the instance's id: the spec's name for a
 * single instance ({@code build}), the spec's name and the item's index for a fan-out's ({@code analyze[3]}). Most
 * instances of a large fan-out are named so, and their name was a tenth of their line.
 */
final class DefaultNames {
    private DefaultNames() {
    }

    /**
     * Whether the name of {@code task} is the one its id makes, and may be left out; never for a spec whose name has
     * a '#' in it, which the reader could not tell from the item's.
     */
    static boolean leftOut(TaskInstance task) {
        InstanceId id = task.id();
        String spec = id.spec();
        String name = task.name();
        if (!InstanceId.textSplits(spec) || !name.startsWith(spec)) {
            return false;
        }
        if (id.item() == InstanceId.SINGLE) {
            return name.length() == spec.length();
        }
        int open = spec.length();
        int digits = name.length() - open - 2;
        if (digits < 1 || name.charAt(open) != '[' || name.charAt(name.length() - 1) != ']') {
            return false;
        }
        long item = 0;
        for (int i = open + 1; i <= open + digits; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9' || digits > 1 && i == open + 1 && c == '0') {
                return false;
            }
            item = 10 * item + (c - '0');
        }
        return digits <= 10 && item == id.item();
    }

    /** The name that the lines of the instance {@code id} ("build", "analyze#3") leave out. */
    static String of(String id) {
        String spec = InstanceId.specOf(id);
        return spec.length() == id.length() ? id : spec + '[' + id.substring(spec.length() + 1) + ']';
    }
}
