package io.jobrun.task.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
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
 * works. The one exception is the implementation package {@code io.jobrun.task.script.polyglot}: its classes sit in
 * jobrun's own class directory but refer to polyglot types, so this loader defines them itself from the parent's bytes.
 */
final class PolyglotLoader extends URLClassLoader {
    /** Overrides where the jars are looked for: a directory of jars. */
    static final String JARS_PROPERTY = "jobrun.polyglot.jars";
    private static final String IMPLEMENTATION_PACKAGE = "io.jobrun.task.script.polyglot.";
    private static final String RUNNER = IMPLEMENTATION_PACKAGE + "PolyglotRunner";

    static {
        registerAsParallelCapable();
    }

    private final CodeSource ownCode = PolyglotLoader.class.getProtectionDomain().getCodeSource();

    private PolyglotLoader(URL[] jars, ClassLoader parent) {
        super("jobrun-polyglot", jars, parent);
    }

    /** Creates the runner in a new loader over the polyglot jars; fails with what to do when they are missing. */
    static ScriptRunner load() {
        ClassLoader parent = PolyglotLoader.class.getClassLoader();
        PolyglotLoader loader = new PolyglotLoader(jarUrls(parent), parent);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Truffle looks languages up through service loaders; let them see the polyglot jars.
        thread.setContextClassLoader(loader);
        try {
            return (ScriptRunner) loader.loadClass(RUNNER).getConstructor(ClassLoader.class).newInstance(loader);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot start the script engine: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start the script engine: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
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
        if (!name.startsWith(IMPLEMENTATION_PACKAGE)) {
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
