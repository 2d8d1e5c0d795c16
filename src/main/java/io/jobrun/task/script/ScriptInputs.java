package io.jobrun.task.script;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a script task sees as globals: {@code item} (the fanned-out input, or null), {@code params} (the job's
 * parameters) and {@code results} (upstream task name to its result). All are plain Java values.
 */
public record ScriptInputs(Object item, Map<String, Object> params, Map<String, Object> results)
        implements Serializable {
    public ScriptInputs {
        // Copies that keep null values (a task may well have returned null).
        params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
        results = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(results, "results")));
    }

    public static ScriptInputs none() {
        return new ScriptInputs(null, Map.of(), Map.of());
    }

    public static ScriptInputs ofItem(Object item) {
        return new ScriptInputs(item, Map.of(), Map.of());
    }
}
