package io.jobrun.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that members and runners of one cluster share: every submission and every answer carries an HMAC-SHA256
 * made with it, and a member runs nothing whose HMAC does not check. Hazelcast Community Edition authenticates
 * nobody, so this is what keeps a stranger on the network from running code on a member.
 */
public final class ClusterSecret {
    /** The secret itself, as text. */
    public static final String ENV_SECRET = "JOBRUN_CLUSTER_SECRET";
    /** A file holding the secret (its first line). */
    public static final String ENV_SECRET_FILE = "JOBRUN_CLUSTER_SECRET_FILE";
    /** Shorter secrets are refused: an HMAC is only as strong as its key. */
    static final int MIN_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final String HOW_TO_MAKE_ONE = "make one with: head -c 32 /dev/urandom | base64";

    private final SecretKeySpec key;
    /** One Mac per thread: a Mac is not thread-safe, and making one costs more than signing a small message. */
    private final ThreadLocal<Mac> macs;

    private ClusterSecret(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A fresh random secret, for a cluster that lives and dies inside one runner (the embedded default). */
    public static ClusterSecret random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new ClusterSecret(key);
    }

    /** The secret in {@code text}. @throws IllegalArgumentException when it is too short to be safe */
    public static ClusterSecret of(String text) {
        String trimmed = text.strip();
        if (trimmed.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the cluster secret is " + trimmed.length() + " characters long; it "
                    + "needs at least " + MIN_LENGTH + " (" + HOW_TO_MAKE_ONE + ")");
        }
        return new ClusterSecret(trimmed.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The secret named by {@code environment}: {@value #ENV_SECRET} itself, else the first line of the file
     * {@value #ENV_SECRET_FILE} names.
     *
     * @throws IllegalArgumentException when neither is set, the file cannot be read, or the secret is too short
     */
    public static ClusterSecret fromEnvironment(Map<String, String> environment) {
        String text = environment.get(ENV_SECRET);
        if (text != null && !text.isBlank()) {
            return of(text);
        }
        String file = environment.get(ENV_SECRET_FILE);
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("a cluster needs its shared secret: set " + ENV_SECRET + " or "
                    + ENV_SECRET_FILE + " (a file holding it) to the same value on every member and runner; "
                    + HOW_TO_MAKE_ONE);
        }
        try {
            String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            return of(content.lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the cluster secret from " + ENV_SECRET_FILE + "=" + file
                    + ": " + e.getMessage(), e);
        }
    }

    /** The HMAC of {@code parts}, fed in order. */
    byte[] sign(byte[]... parts) {
        Mac mac = macs.get();
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /** Whether {@code signature} is the HMAC of {@code parts}, compared in constant time. */
    boolean verify(byte[] signature, byte[]... parts) {
        return signature != null && MessageDigest.isEqual(signature, sign(parts));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM, impossible);
        }
    }

    @Override
    public String toString() {
        return "ClusterSecret[hidden]";
    }
}
