package io.jobrun.job;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Things registered by name, in registration order; each name once. */
abstract class Registry<T> {
    private final Map<String, T> byName = new LinkedHashMap<>();

    Registry(List<? extends T> things, Function<T, String> name, String what) {
        for (T thing : things) {
            if (byName.putIfAbsent(name.apply(thing), thing) != null) {
                throw new IllegalArgumentException(what + " '" + name.apply(thing) + "' is registered twice");
            }
        }
    }

    /** Every name, in registration order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    public Collection<T> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /** The one called {@code name}, or null. */
    public T find(String name) {
        return byName.get(name);
    }
}
