package io.jobrun.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where the parts of one model element are written, so that a problem found on the model points at the very option
 * or text it is about, in either syntax. Parts are named by dotted paths in the model's words: {@code timeout},
 * {@code retry.factor}, {@code body.command}, {@code body.env.CC}, {@code body.args.0}.
 *
 * @param whole    where the element itself is written; the answer for any part not recorded
 * @param parts    where each recorded part's value starts; for text, where its first character is
 * @param exactText the text parts written on one line, without escapes the offsets could not cross: an offset into
 *                 their text is a column offset from their position
 */
public record Positions(SourcePosition whole, Map<String, SourcePosition> parts, Set<String> exactText) {
    public Positions {
        Objects.requireNonNull(whole, "whole");
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        exactText = Collections.unmodifiableSet(new LinkedHashSet<>(exactText));
    }

    /** An element whose parts have no places of their own. */
    public static Positions of(SourcePosition whole) {
        return new Positions(whole, Map.of(), Set.of());
    }

    /** Where {@code part} is written: the part itself, else the nearest enclosing part, else the whole element. */
    public SourcePosition at(String part) {
        for (String path = part; path != null; path = parent(path)) {
            SourcePosition found = parts.get(path);
            if (found != null) {
                return found;
            }
        }
        return whole;
    }

    /** Where character {@code offset} of the text of {@code part} is written, or the part's start when unknown. */
    public SourcePosition inText(String part, int offset) {
        SourcePosition start = at(part);
        if (!exactText.contains(part) || offset < 0 || start.line() == 0) {
            return start;
        }
        return new SourcePosition(start.file(), start.line(), start.column() + offset);
    }

    /** The positions of the parts under {@code prefix}, renamed without it, with the prefix's place as the whole. */
    public Positions under(String prefix) {
        Map<String, SourcePosition> inner = new LinkedHashMap<>();
        Set<String> exact = new LinkedHashSet<>();
        String start = prefix + ".";
        parts.forEach((path, position) -> {
            if (path.startsWith(start)) {
                inner.put(path.substring(start.length()), position);
                if (exactText.contains(path)) {
                    exact.add(path.substring(start.length()));
                }
            }
        });
        return new Positions(at(prefix), inner, exact);
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? null : path.substring(0, dot);
    }

    /** Collects positions as a front reads an element. */
    public static final class Builder {
        private final SourcePosition whole;
        private final Map<String, SourcePosition> parts = new LinkedHashMap<>();
        private final Set<String> exact = new LinkedHashSet<>();

        public Builder(SourcePosition whole) {
            this.whole = Objects.requireNonNull(whole, "whole");
        }

        public Builder part(String path, SourcePosition position) {
            parts.put(path, position);
            return this;
        }

        /** A text part whose offsets map to columns: {@code position} is where its first character is. */
        public Builder text(String path, SourcePosition position) {
            parts.put(path, position);
            exact.add(path);
            return this;
        }

        /** Every part of {@code inner}, under {@code prefix} (which is then where inner's whole is); "" for none. */
        public Builder all(String prefix, Positions inner) {
            String start = prefix.isEmpty() ? "" : prefix + ".";
            if (!prefix.isEmpty()) {
                parts.putIfAbsent(prefix, inner.whole());
            }
            inner.parts().forEach((path, position) -> parts.put(start + path, position));
            inner.exactText().forEach(path -> exact.add(start + path));
            return this;
        }

        public Positions build() {
            return new Positions(whole, parts, exact);
        }
    }
}
