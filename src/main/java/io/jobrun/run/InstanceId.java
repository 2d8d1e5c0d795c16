package io.jobrun.run;

import java.util.Objects;

/**
 * The stable name of one task instance, the same in every run of the same job: its spec's name and, for a fan-out,
 * the item's index. Reports, journals and resume key rows by it; the display name ({@code analyze[a.txt]}) may
 * change with the items, this does not.
 *
 * @param spec the declared task's name; for work that task code submitted, its label
 * @param item the fan-out item's 0-based index, or {@link #SINGLE}; for submitted work, its submission number
 */
public record InstanceId(String spec, int item) implements Comparable<InstanceId> {
    /** The item index of a task that does not fan out. */
    public static final int SINGLE = -1;

    public InstanceId {
        Objects.requireNonNull(spec, "spec");
        if (item < SINGLE) {
            throw new IllegalArgumentException("an item index is 0 or more (or SINGLE), got " + item);
        }
    }

    public static InstanceId single(String spec) {
        return new InstanceId(spec, SINGLE);
    }

    /** "build", or "analyze#3" for the fourth item of a fan-out. */
    @Override
    public String toString() {
        return item == SINGLE ? spec : spec + "#" + item;
    }

    /**
     * The spec's name in an id's text ({@link #toString()}): what comes before its last '#', or all of it. A spec whose
     * own name has a '#' cannot be told from its text ({@link #textSplits}).
     */
    public static String specOf(String text) {
        int hash = text.lastIndexOf('#');
        return hash < 0 ? text : text.substring(0, hash);
    }

    /** Whether {@link #specOf} finds {@code spec} in the text of each of its ids: its name has no '#'. */
    public static boolean textSplits(String spec) {
        return spec.indexOf('#') < 0;
    }

    // NOTE: equals and hashCode spelled out: a record's own are linked through a method handle chain on first use,
    // which the start-up cache cannot keep, and every run hashes an instance id before its first task starts.
    @Override
    public boolean equals(Object other) {
        return other instanceof InstanceId id && item == id.item && spec.equals(id.spec);
    }

    @Override
    public int hashCode() {
        return 31 * spec.hashCode() + item;
    }

    @Override
    public int compareTo(InstanceId other) {
        int bySpec = spec.compareTo(other.spec);
        return bySpec != 0 ? bySpec : Integer.compare(item, other.item);
    }
}
