package io.jobrun.task.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the script runner with the GraalVM polyglot jars in a class loader of its own.
 *
 * <p>Why: with the polyglot jars on the application class path, every {@code bin/jobrun} run got slower (measured:
 * the class path lookups and service scans open 27 more jars, some of them 100 MB), scripts or not. So the build
 * copies them to {@code target/polyglot/} and they are opened only here, on the first script task.
 *
 * <p>The loader asks its parent first, so jobrun's own types ({@link ScriptRunner}, the exceptions) are shared with
 * the caller, and a launcher that did put polyglot on the class or module path (the optimising-runtime recipe) still
 * works. The one exception is the implementation's package: its classes sit in jobrun's own class directory but refer
 * to polyglot types, so this loader defines them itself from the parent's bytes.
 *
 * <p>The implementation is named by a service file ({@code META-INF/services/io.jobrun.task.script.ScriptRunner}),
 * not here: the package that implements {@link ScriptRunner} depends on this one, and this one knows it only as a
 * provider of that interface, so that the two do not depend on each other.
 */
final class PolyglotLoader extends URLClassLoader {
    /** Overrides where the jars are looked for: a directory of jars. */
    static final String JARS_PROPERTY = "jobrun.polyglot.jars";
    /** The service file, in the standard format, whose first class name is the runner to load. */
    private static final String SERVICE_FILE = "META-INF/services/" + ScriptRunner.class.getName();

    static {
        registerAsParallelCapable();
    }

    private final CodeSource ownCode = PolyglotLoader.class.getProtectionDomain().getCodeSource();
    /** The package prefix of the runner's classes ("a.b."), which this loader defines itself. */
    private final String implementationPackage;

    private PolyglotLoader(URL[] jars, ClassLoader parent, String implementationPackage) {
        super("jobrun-polyglot", jars, parent);
        this.implementationPackage = implementationPackage;
    }

    /** Creates the runner in a new loader over the polyglot jars; fails with what to do when they are missing. */
    static ScriptRunner load() {
        ClassLoader parent = PolyglotLoader.class.getClassLoader();
        String runner = runnerName(parent);
        PolyglotLoader loader = new PolyglotLoader(jarUrls(parent), parent,
                runner.substring(0, runner.lastIndexOf('.') + 1));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Truffle looks languages up through service loaders; let them see the polyglot jars.
        thread.setContextClassLoader(loader);
        try {
            return (ScriptRunner) loader.loadClass(runner).getConstructor(ClassLoader.class).newInstance(loader);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot start the script engine: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start the script engine: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The runner's class name, from the first line of the service file that is not blank or a comment. */
    static String runnerName(ClassLoader parent) {
        try (InputStream in = parent.getResourceAsStream(SERVICE_FILE)) {
            if (in != null) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String name = line.replaceFirst("#.*", "").strip();
                    if (!name.isEmpty()) {
                        return name;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SERVICE_FILE + " to start the script engine", e);
        }
        throw new IllegalStateException("cannot start the script engine: " + SERVICE_FILE + " names no runner");
    }

    private static URL[] jarUrls(ClassLoader parent) {
        if (parentHasPolyglot(parent)) {
            return new URL[0];
        }
        Path directory = jarDirectory();
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(missing(directory), e);
        }
        if (urls.isEmpty()) {
            throw new IllegalStateException(missing(directory));
        }
        return urls.toArray(URL[]::new);
    }

    private static boolean parentHasPolyglot(ClassLoader parent) {
        return parent.getResource("org/graalvm/polyglot/Engine.class") != null;
    }

    /**
     * Whether the script languages are there to load: the polyglot jars with JavaScript's and Python's among them
     * (a build without the "scripts" profile copies the polyglot API alone).
     */
    static boolean languagesPresent() {
        ClassLoader parent = PolyglotLoader.class.getClassLoader();
        if (parentHasPolyglot(parent) && parent.getResource("com/oracle/truffle/js/lang/JavaScriptLanguage.class") != null) {
            return true;
        }
        try (Stream<Path> files = Files.list(jarDirectory())) {
            List<String> names = files.map(file -> file.getFileName().toString()).toList();
            return names.stream().anyMatch(name -> name.startsWith("js-language-"))
                    && names.stream().anyMatch(name -> name.startsWith("python-language-"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code target/polyglot} beside {@code target/classes} (or beside the jobrun jar), unless the property says. */
    static Path jarDirectory() {
        String configured = System.getProperty(JARS_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            Path code = Path.of(PolyglotLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().resolve("polyglot");
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where jobrun's classes are, to find the polyglot jars; set -D"
                    + JARS_PROPERTY + "=DIRECTORY", e);
        }
    }

    private static String missing(Path directory) {
        return "script tasks need the GraalVM polyglot jars in " + directory + ", and there are none; fetch them with"
                + " 'bin/jobrun --install-scripts' or set -D" + JARS_PROPERTY + "=DIRECTORY";
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(implementationPackage)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = defineFromParent(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> defineFromParent(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = getParent().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length, ownCode);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
