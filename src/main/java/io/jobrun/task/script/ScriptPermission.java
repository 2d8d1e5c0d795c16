package io.jobrun.task.script;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An access a script task does not have unless its job grants it explicitly; the report lists the granted ones.
 *
 * <p>With none granted a script runs in GraalVM's CONSTRAINED sandbox: no host classes, no files, no sockets, no
 * processes, no environment variables, output captured. Granting any of these runs it under the TRUSTED policy with
 * that access (and only that access) switched on; {@code dsl/README.md} has the table of what each opens in each
 * language. Host classes open everything else too: Java's own file, socket and process classes are not sandboxed.
 */
public enum ScriptPermission {
    /** Read and write files of the host file system; no sockets. */
    FILES,
    /** Open network sockets (Python's {@code socket}, {@code urllib}); no files. */
    NETWORK,
    /** Read the process's environment variables. */
    ENVIRONMENT,
    /** Start host processes. */
    PROCESSES,
    /** Look up and call Java classes ({@code Java.type} in JavaScript, {@code import java} in Python). */
    HOST_CLASSES;

    /** The word a job file uses: "files", "network", "environment", "processes", "host-classes". */
    public String jobName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ScriptPermission fromName(String name) {
        for (ScriptPermission permission : values()) {
            if (permission.jobName().equals(name.toLowerCase(Locale.ROOT))) {
                return permission;
            }
        }
        throw new IllegalArgumentException("unknown script access '" + name + "' (expected one of "
                + Arrays.stream(values()).map(ScriptPermission::jobName).collect(Collectors.joining(", ")) + ")");
    }
}
