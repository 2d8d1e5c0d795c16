package io.jobrun.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A declared pool: {@code executor 'io', threads(8, leakGrace: '1s')}.
 *
 * @param name    what tasks refer to with {@code on:}
 * @param kind    the name of an {@link ExecutorKind}: "threads", "virtualThreads", "processes", ...
 * @param workers at most this many tasks at once
 * @param options the options the job gives, by their declared (camelCase) name, converted to their declared types;
 *                an option not given is absent and its kind applies the default
 */
public record ExecutorSpec(String name, String kind, int workers, Map<String, Object> options,
                           SourcePosition position) {
    public ExecutorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(position, "position");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A pool with no options: {@code threads(8)}. */
    public ExecutorSpec(String name, String kind, int workers, SourcePosition position) {
        this(name, kind, workers, Map.of(), position);
    }

    /** The value of option {@code name}, or {@code otherwise} when the job does not give it. */
    @SuppressWarnings("unchecked")
    public <T> T option(String name, T otherwise) {
        Object value = options.get(name);
        return value == null ? otherwise : (T) value;
    }

    /** "threads(8)": how the executor reads in a plan and a report. */
    public String describe() {
        return kind + "(" + workers + ")";
    }
}
