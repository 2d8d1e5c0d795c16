package io.jobrun.run;

import io.jobrun.futures.SetUpAhead;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * Which run this is, and of what: reports name the run by {@link #runId()} and the job file's content by
 * {@link #jobSha256()}, so that a report can be matched to the exact file that produced it.
 *
 * @param runId     unique to this run
 * @param jobSha256 the SHA-256 of the job file's text, in lower-case hex, or null when the job was not read from a
 *                  file (built by a program or a test)
 */
public record RunIdentity(String runId, String jobSha256) {
    public RunIdentity {
        Objects.requireNonNull(runId, "runId");
    }

    /** A new run of the job file whose text is {@code jobText}. */
    public static RunIdentity of(String jobText) {
        AHEAD.await(); // NOTE: rather than doing the same beside it
        return new RunIdentity(UUID.randomUUID().toString(), sha256(jobText));
    }

    /** What {@link #of} needs, set up ahead by {@link #prepareInBackground()}. */
    private static final SetUpAhead AHEAD = new SetUpAhead("jobrun-identity-setup",
            () -> sha256(UUID.randomUUID().toString()));

    /**
     * Gets what {@link #of} needs ready on a daemon thread, for a command that will start a run: the first random
     * UUID and the first SHA-256 set up the JDK's security providers and seed its secure generator (20 to 30 ms of
     * CPU), which would otherwise come on the thread that starts the run, after its job file is read. Once per JVM.
     */
    public static void prepareInBackground() {
        AHEAD.start();
    }

    /** A new run of a job that has no text of its own. */
    public static RunIdentity unread() {
        return new RunIdentity(UUID.randomUUID().toString(), null);
    }

    /** One digest per thread: looking one up costs more than hashing a short text (reports hash every result). */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    /** The SHA-256 of {@code text} encoded as UTF-8, in lower-case hex. */
    public static String sha256(String text) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
