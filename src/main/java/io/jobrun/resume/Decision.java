package io.jobrun.resume;

/**
 * Whether a resume reuses an instance, and why (or why not), as {@code --explain} prints it.
 *
 * @param cached whether an earlier result stands for it
 * @param reason "no ok run before", "command changed", "input jobs/data/a.txt changed", "result of 'fetch' changed",
 *               "result not storable (java.sql.Connection)", "cache: false", ...; for a cached one, where it is from
 * @param result the earlier result, when cached
 */
public record Decision(boolean cached, String reason, Object result) {
    static Decision runs(String reason) {
        return new Decision(false, reason, null);
    }

    static Decision cached(String reason, Object result) {
        return new Decision(true, reason, result);
    }
}
