package io.jobrun.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a resume hashes for a task written as code: the code's own text, the text of what it may call besides (the
 * file's helper methods and imports), and the values it captures, by name.
 *
 * @param source   the code's own text, or the whole file's when its place is unknown (safe, but any edit re-runs it)
 * @param helpers  the file's imports and method declarations
 * @param captured the values the code captured from where it was written, by name
 */
public record CodeIdentity(String source, String helpers, Map<String, Object> captured) {
    public CodeIdentity {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(helpers, "helpers");
        // NOTE: captured values may be null, which Map.copyOf rejects.
        captured = Collections.unmodifiableMap(new LinkedHashMap<>(captured));
    }
}
