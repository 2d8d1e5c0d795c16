package io.jobrun.futures.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JDK 25 ahead-of-time cache (JEP 514) for worker JVMs, made automatically on first use.
 *
 * <p>Why a jar: an AOT cache (like AppCDS) only records classes loaded from jars, so the worker's own classes are
 * written to a small {@code worker.jar} that goes first on the worker's class path; the application's class path,
 * directories and all, follows it. The cache is trained once, in a background process running
 * {@link WorkerTraining}, and lives in {@code java.io.tmpdir} under a key made of the JDK, the JVM options and the
 * worker classes' bytes, so a different JDK or a rebuilt worker gets a new one.
 *
 * <p>Everything here fails silently: on a JDK older than 25, without /bin/sh, while the cache is being trained, or
 * when training fails, workers simply start without it.
 */
final class AotCache {
    private static final Logger LOG = LoggerFactory.getLogger("io.jobrun.futures.process");
    private static final int FIRST_JDK = 25;
    private static final long TRAINING_LIMIT_SECONDS = 120;
    private static final String SHELL = "/bin/sh";
    private static final String TRAIN_THEN_MOVE = "\"$@\" && mv -f \"$JOBRUN_AOT_PARTIAL\" \"$JOBRUN_AOT_FINAL\";"
            + " rm -f \"$JOBRUN_AOT_PARTIAL\"";
    /** Everything a worker loads from its own code; nested classes by their binary names. */
    /**
     * The top-level classes a worker needs; their nested classes, anonymous ones included, come along through
     * {@link Class#getNestMembers()}, so adding a nested class cannot silently break the worker jar.
     */
    private static final List<Class<?>> WORKER_TOP_LEVEL_CLASSES = List.of(
            io.jobrun.futures.Task.class, io.jobrun.futures.TaskFunction.class, io.jobrun.futures.Initializer.class,
            WorkerMain.class, WorkerTraining.class, Frames.class, Wire.class, FilteredSerialization.class,
            RemoteTaskException.class, TaskSerializationException.class, ProcessMark.class);
    private static final List<String> WORKER_CLASSES = workerClasses();

    /** Training runs started by this JVM, by cache directory; each runs at most once. */
    private static final ConcurrentHashMap<Path, Thread> TRAINING = new ConcurrentHashMap<>();

    /** The worker jar and its cache, both present. */
    record Artifacts(Path jar, Path cache) {
    }

    private AotCache() {
    }

    private static List<String> workerClasses() {
        List<String> names = new ArrayList<>();
        for (Class<?> top : WORKER_TOP_LEVEL_CLASSES) {
            for (Class<?> member : top.getNestMembers()) {
                names.add(member.getName());
            }
        }
        names.sort(null); // the same classes give the same jar and the same cache key
        return List.copyOf(names);
    }

    /**
     * The cache for workers started with {@code java} and {@code jvmOptions}, when it is ready; otherwise starts
     * training it in the background (once) and returns empty.
     */
    static Optional<Artifacts> lookup(Path java, List<String> jvmOptions) {
        Optional<Path> directory = directoryFor(jvmOptions);
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        Artifacts files = new Artifacts(directory.get().resolve("worker.jar"), directory.get().resolve("worker.aot"));
        if (Files.isRegularFile(files.cache()) && Files.isRegularFile(files.jar())) {
            return Optional.of(files);
        }
        TRAINING.computeIfAbsent(directory.get(), dir -> {
            Thread thread = new Thread(() -> train(java, jvmOptions, files), "jobrun-aot-training");
            thread.setDaemon(true);
            thread.start();
            return thread;
        });
        return Optional.empty();
    }

    /** Trains the cache now if needed, waiting for it; returns whether it is ready. */
    static boolean prepare(Path java, List<String> jvmOptions) {
        if (lookup(java, jvmOptions).isPresent()) {
            return true;
        }
        directoryFor(jvmOptions).map(TRAINING::get).ifPresent(thread -> {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return lookup(java, jvmOptions).isPresent();
    }

    private static Optional<Path> directoryFor(List<String> jvmOptions) {
        if (Runtime.version().feature() < FIRST_JDK || !Files.isExecutable(Path.of(SHELL))) {
            return Optional.empty();
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(System.getProperty("java.home").getBytes(StandardCharsets.UTF_8));
            digest.update(System.getProperty("java.vm.version").getBytes(StandardCharsets.UTF_8));
            digest.update(String.join("\n", jvmOptions).getBytes(StandardCharsets.UTF_8));
            for (String name : WORKER_CLASSES) {
                digest.update(classBytes(name));
            }
            String key = HexFormat.of().formatHex(digest.digest(), 0, 12);
            String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
            return Optional.of(Path.of(System.getProperty("java.io.tmpdir"), "jobrun-" + user, "worker-" + key));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            LOG.debug("no AOT cache for worker JVMs", e);
            return Optional.empty();
        }
    }

    /**
     * Runs the training JVM and moves its cache into place. NOTE: through {@code /bin/sh}, which also does the
     * move, so that a short-lived parent (a test run, a CLI call) that exits before training ends still leaves a
     * finished cache behind for the next one.
     */
    private static void train(Path java, List<String> jvmOptions, Artifacts files) {
        Path partial = files.cache().resolveSibling("worker.aot." + ProcessHandle.current().pid());
        try {
            Files.createDirectories(files.jar().getParent());
            writeJar(files.jar());
            List<String> command = new ArrayList<>(List.of(SHELL, "-c", TRAIN_THEN_MOVE, "sh", java.toString()));
            command.addAll(jvmOptions);
            command.add("-XX:AOTCacheOutput=" + partial);
            command.addAll(List.of("-cp", files.jar().toString(), WorkerMain.class.getName(), "--train"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("JOBRUN_AOT_PARTIAL", partial.toString());
            builder.environment().put("JOBRUN_AOT_FINAL", files.cache().toString());
            Process process = builder.start();
            if (!process.waitFor(TRAINING_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                ProcessTree.kill(process.toHandle());
            } else if (Files.isRegularFile(files.cache())) {
                LOG.debug("AOT cache for worker JVMs ready: {}", files.cache());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not train the AOT cache for worker JVMs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the jar next to its final name first, so a worker never sees half a jar. */
    private static void writeJar(Path jar) throws IOException {
        if (Files.isRegularFile(jar)) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            for (String name : WORKER_CLASSES) {
                JarEntry entry = new JarEntry(name.replace('.', '/') + ".class");
                entry.setTime(0); // the same classes give the same jar
                out.putNextEntry(entry);
                out.write(classBytes(name));
                out.closeEntry();
            }
        }
        Path partial = jar.resolveSibling("worker.jar." + ProcessHandle.current().pid());
        Files.write(partial, bytes.toByteArray());
        Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static byte[] classBytes(String name) throws IOException {
        String resource = "/" + name.replace('.', '/') + ".class";
        try (InputStream in = AotCache.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("worker class not found: " + resource);
            }
            return in.readAllBytes();
        }
    }
}
