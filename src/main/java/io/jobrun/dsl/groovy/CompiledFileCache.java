package io.jobrun.dsl.groovy;

import io.jobrun.job.BuildInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class files of job files that compiled cleanly, kept on disk by a hash of everything the compile depends on, so
 * that running an unchanged file again defines its classes instead of compiling it: a cold Groovy compile is most of
 * a small job's start-up.
 *
 * <p>The key is the file's text, its names (class names and stack frames come from them), the DSL's vocabulary (the
 * compile step checks against it) and the jobrun build (the DSL classes, Groovy itself): a rebuilt jobrun never reads
 * an older build's classes. Only files without problems are stored, so a hit has nothing to report.
 *
 * <p>Where: {@code JOBRUN_CACHE_DIR} (or the system property {@code jobrun.cache.dir}), else
 * {@code $XDG_CACHE_HOME/jobrun}, else {@code ~/.cache/jobrun}; in its {@code groovy/} folder. Every failure here
 * (a read-only home, a truncated entry, a full disk) only means compiling again.
 */
final class CompiledFileCache {
    private static final int FORMAT = 1;

    /**
     * The cache of this jobrun build in the user's cache folder, made at its first use: a run of a YAML file never
     * makes it.
     */
    static CompiledFileCache standard() {
        return Standard.CACHE;
    }

    private static final class Standard {
        static final CompiledFileCache CACHE = new CompiledFileCache(standardDirectory(), buildId());
    }

    /** A job file's classes: the script class's name and every class file, in the order they were generated. */
    record Compiled(String scriptClassName, Map<String, byte[]> classes) {
        Compiled {
            classes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(classes));
        }
    }

    /** The folder of entries, or null when there is no cache. */
    private final Path directory;
    private final String build;

    CompiledFileCache(Path directory, String build) {
        this.directory = directory;
        this.build = build;
    }

    /** No cache: every file compiles. */
    static CompiledFileCache none() {
        return new CompiledFileCache(null, "");
    }

    /** The key of {@code text} read as {@code file}: a hash of all the compile depends on. */
    String key(String text, JobFile file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {build, file.displayName(), file.simpleName(),
                    file.vocabulary().signature(), text}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The classes stored under {@code key}, when there are. */
    Optional<Compiled> lookup(String key) {
        if (directory == null) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(entry(key));
            return Optional.of(decode(bytes));
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            log().debug("unreadable compiled job file {}; compiling again", entry(key), e);
            return Optional.empty();
        }
    }

    /** Stores {@code compiled} under {@code key}: written aside and moved into place, so no reader sees half. */
    void store(String key, Compiled compiled) {
        if (directory == null) {
            return;
        }
        Path entry = entry(key);
        Path partial = entry.resolveSibling(entry.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(directory);
            Files.write(partial, encode(compiled));
            Files.move(partial, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            log().debug("could not keep the compiled job file {}", entry, e);
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing was kept; the next run compiles again
            }
        }
    }

    /** Asked for only when something went wrong: the command line creates this cache before logging is needed. */
    private static Logger log() {
        return LoggerFactory.getLogger("io.jobrun.dsl.groovy");
    }

    private Path entry(String key) {
        return directory.resolve(key + ".classes");
    }

    private static byte[] encode(Compiled compiled) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeUTF(compiled.scriptClassName());
            out.writeInt(compiled.classes().size());
            for (Map.Entry<String, byte[]> entry : compiled.classes().entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeInt(entry.getValue().length);
                out.write(entry.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private static Compiled decode(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != FORMAT) {
                throw new IOException("another format");
            }
            String scriptClassName = in.readUTF();
            int count = in.readInt();
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int length = in.readInt();
                if (length < 0 || length > bytes.length) {
                    throw new IOException("a class file of " + length + " bytes in an entry of " + bytes.length);
                }
                classes.put(name, in.readNBytes(length));
            }
            if (in.read() != -1 || !classes.containsKey(scriptClassName)) {
                throw new IOException("a damaged entry");
            }
            return new Compiled(scriptClassName, classes);
        }
    }

    private static Path standardDirectory() {
        String configured = System.getProperty("jobrun.cache.dir", System.getenv("JOBRUN_CACHE_DIR"));
        Path base;
        if (configured != null && !configured.isBlank()) {
            base = Path.of(configured);
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            base = xdg != null && !xdg.isBlank() ? Path.of(xdg, "jobrun")
                    : Path.of(System.getProperty("user.home"), ".cache", "jobrun");
        }
        return base.resolve("groovy");
    }

    /**
     * This build's identity: the version and the moment of the build, which Maven writes into version.properties on
     * every build, so a change to the DSL's classes or to Groovy's version (both need a build) is a new identity.
     */
    static String buildId() {
        return BuildInfo.current().id();
    }
}
