package io.jobrun.task.script;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a script task runs: a language, its source, optionally a function to call with arguments, and the accesses
 * granted beyond the sandbox.
 *
 * <p>Without an entry point the script's value is its last expression. With one, the script runs first (defining the
 * function) and then the function is called with {@code arguments}, which are plain Java values (numbers, strings,
 * booleans, null, lists, maps).
 *
 * @param entryPoint the function to call, or null to take the script's own value
 * @param arguments plain values passed to {@code entryPoint}; empty without one
 * @param permissions accesses granted beyond the sandbox; empty means sandboxed
 */
public record Script(ScriptLanguage language, ScriptSource source, String entryPoint, List<Object> arguments,
                     Set<ScriptPermission> permissions) implements Serializable {
    public Script {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(source, "source");
        // List.copyOf would refuse null arguments, and None/null is a fine argument.
        arguments = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(arguments, "arguments")));
        // NOTE: Set.copyOf, not an EnumSet: an EnumSet crosses to a worker JVM as a proxy class that the worker's
        // filtered stream refuses (InvalidClassException: java.util.RegularEnumSet).
        permissions = Set.copyOf(permissions);
        if (entryPoint != null && !entryPoint.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
            throw new IllegalArgumentException("a script's entry point must be a function name, got '" + entryPoint + "'");
        }
        if (entryPoint == null && !arguments.isEmpty()) {
            throw new IllegalArgumentException("script arguments need an entry point (call:) to be passed to");
        }
    }

    /** The script's own value, sandboxed. */
    public static Script of(ScriptLanguage language, ScriptSource source) {
        return new Script(language, source, null, List.of(), Set.of());
    }

    /** This script, calling {@code function(arguments...)} after it ran. */
    public Script calling(String function, List<?> args) {
        return new Script(language, source, function, new ArrayList<>(args), permissions);
    }

    /** This script with {@code granted} accesses beyond the sandbox. */
    public Script allowing(Set<ScriptPermission> granted) {
        return new Script(language, source, entryPoint, arguments, granted);
    }

    /** True when the script runs in the sandbox, with no access granted. */
    public boolean sandboxed() {
        return permissions.isEmpty();
    }
}
