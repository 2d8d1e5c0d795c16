package io.jobrun.job;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a fan-out's items come from. Items written in the job file are known before the run; every other source is
 * read when the task becomes ready, after the tasks it runs after, so that it sees what they made.
 */
public sealed interface ItemSource {

    /** Whether the items are read when the task becomes ready, rather than known from the job file. */
    default boolean readWhenReady() {
        return true;
    }

    /** The task whose result the items are, which the fan-out therefore runs after; empty for other sources. */
    default Optional<String> upstream() {
        return Optional.empty();
    }

    /** How a plan shows the source: "3 items", "files matching jobs/data/*.txt, read when ready". */
    default String describe() {
        return what() + (readWhenReady() ? ", read when ready" : "");
    }

    /** What the items are: "3 items", "files matching jobs/data/*.txt". */
    String what();

    /** Items as the job file gives them (a list, or what its code computed while it loaded). */
    record Items(List<Object> items) implements ItemSource {
        public Items {
            // NOTE: items may be null, which List.copyOf rejects.
            items = Collections.unmodifiableList(new java.util.ArrayList<>(items));
        }

        /** The most items a range may give: more would not fit in memory as task instances anyway. */
        public static final long MAX_RANGE = 10_000_000;

        /**
         * Python's {@code range(start, end, step)}: from {@code start} up to {@code end} exclusive (down to, for a
         * negative step), as Integers where they fit.
         *
         * @throws RuleException naming {@code step} when it is 0, or {@code end} when the range is too long
         */
        public static Items range(long start, long end, long step) {
            if (step == 0) {
                throw new RuleException("step", "a range's step must not be 0");
            }
            long count = step > 0 ? (end > start ? (end - start - 1) / step + 1 : 0)
                    : (start > end ? (start - end - 1) / -step + 1 : 0);
            if (count > MAX_RANGE) {
                throw new RuleException("end", "a range of " + count + " items is too long (at most " + MAX_RANGE
                        + ")");
            }
            List<Object> items = new java.util.ArrayList<>((int) count);
            for (long i = 0, value = start; i < count; i++, value += step) {
                items.add(value == (int) value ? (Object) (int) value : (Object) value);
            }
            return new Items(items);
        }

        /** What a front says of an axis given something other than a list; {@code got} in the front's words. */
        public static String axisNotAList(String axis, String got) {
            return "matrix axis '" + axis + "' needs a list of values; got " + got;
        }

        /**
         * Every combination of one value of each axis, as maps from axis to value, the first axis changing slowest:
         * {@code {os: [linux, mac], py: [3.11, 3.12]}} gives linux 3.11, linux 3.12, mac 3.11, mac 3.12, as a CI
         * matrix does.
         *
         * @throws RuleException naming the axis that has no values, or {@code matrix} when there is no axis or the
         *                       combinations are too many
         */
        public static Items matrix(Map<String, ? extends List<?>> axes) {
            if (axes.isEmpty()) {
                throw new RuleException("matrix", "a matrix needs at least one axis, as { os: [linux, mac] }");
            }
            long count = 1;
            for (var axis : axes.entrySet()) {
                if (axis.getValue().isEmpty()) {
                    throw new RuleException(axis.getKey(), "matrix axis '" + axis.getKey() + "' has no values");
                }
                count *= axis.getValue().size();
                if (count > MAX_RANGE) {
                    throw new RuleException("matrix", "a matrix of more than " + MAX_RANGE + " combinations is too"
                            + " large");
                }
            }
            List<Object> combinations = new java.util.ArrayList<>((int) count);
            combinations.add(new java.util.LinkedHashMap<String, Object>());
            for (var axis : axes.entrySet()) {
                List<Object> longer = new java.util.ArrayList<>(combinations.size() * axis.getValue().size());
                for (Object shorter : combinations) {
                    for (Object value : axis.getValue()) {
                        @SuppressWarnings("unchecked")
                        var combination = new java.util.LinkedHashMap<>((Map<String, Object>) shorter);
                        combination.put(axis.getKey(), value);
                        longer.add(combination);
                    }
                }
                combinations = longer;
            }
            return new Items(combinations);
        }

        @Override
        public boolean readWhenReady() {
            return false;
        }

        @Override
        public String what() {
            return items.size() + (items.size() == 1 ? " item" : " items");
        }
    }

    /**
     * The paths of the files matching {@code pattern} (relative to the working directory, sorted), as text.
     *
     * @param position where the pattern is written
     */
    record Glob(String pattern, SourcePosition position) implements ItemSource {
        public Glob {
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(position, "position");
            if (pattern.isBlank()) {
                throw new IllegalArgumentException("a glob needs a pattern, e.g. jobs/data/*.txt");
            }
        }

        @Override
        public String what() {
            return "files matching " + pattern;
        }
    }

    /**
     * The non-blank lines of {@code file}, stripped.
     *
     * @param position where the file is named
     */
    record Lines(String file, SourcePosition position) implements ItemSource {
        public Lines {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(position, "position");
            if (file.isBlank()) {
                throw new IllegalArgumentException("lines needs a file name");
            }
        }

        @Override
        public String what() {
            return "lines of " + file;
        }
    }

    /**
     * The list that task {@code task} returned: a fan-out's list of results, or a task whose result is a list.
     *
     * @param position where the task is named
     */
    record Result(String task, SourcePosition position) implements ItemSource {
        public Result {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(position, "position");
        }

        @Override
        public Optional<String> upstream() {
            return Optional.of(task);
        }

        @Override
        public String what() {
            return "the result of task '" + task + "'";
        }
    }
}
