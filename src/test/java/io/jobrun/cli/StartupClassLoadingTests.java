package io.jobrun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What bin/jobrun loads to start, read from the JVM's class-loading log: a YAML job never loads Groovy's compiler,
 * and a Groovy job file loads it on its first run only; the next runs of the unchanged file use its kept classes.
 */
class StartupClassLoadingTests {
    /** Classes only the Groovy compiler loads: its compile driver, the parser, the class generator. */
    private static final List<String> COMPILER = List.of("org.codehaus.groovy.control.CompilationUnit ",
            "org.apache.groovy.parser.antlr4.", "org.codehaus.groovy.classgen.AsmClassGenerator ",
            "groovy.lang.GroovyClassLoader ");

    @TempDir
    Path dir;

    /** Runs bin/jobrun on {@code file}; returns the classes its JVM loaded, one line each. */
    private String loadedClasses(Path file, String run) throws Exception {
        return jvmLog(file, run, "class+load");
    }

    /** Runs bin/jobrun on {@code file}; returns the classes its JVM initialized, each with the thread that did. */
    private String initializedClasses(Path file, String run) throws Exception {
        return jvmLog(file, run, "class+init");
    }

    /** Runs bin/jobrun on {@code file}, which must succeed; returns the JVM's log of {@code tags}. */
    private String jvmLog(Path file, String run, String tags) throws Exception {
        Path out = Files.createDirectories(dir.resolve(run));
        Path log = out.resolve("classes.log");
        ForkedJobrun jobrun = ForkedJobrun.start(out, Map.of("JOBRUN_JAVA_OPTS", "-Xlog:" + tags + "=info:file=" + log,
                "JOBRUN_CACHE_DIR", dir.resolve("cache").toString()), file.toString());
        assertEquals(0, jobrun.awaitExit(), jobrun::stderr);
        assertTrue(jobrun.stdout().contains("1 task: 1 ok"), jobrun::stdout);
        return Files.readString(log);
    }

    private static boolean loadsCompiler(String classes) {
        return COMPILER.stream().anyMatch(name -> classes.contains("] " + name));
    }

    @Test
    void yamlJobLoadsNoGroovyCompilerWhileAGroovyFileDoes() throws Exception {
        Path yaml = Files.writeString(dir.resolve("hi.yaml"), "tasks:\n  hi:\n    shell: echo hello\n");
        Path groovy = Files.writeString(dir.resolve("hi.groovy"), "task 'hi', { 'hello' }\n");

        String yamlClasses = loadedClasses(yaml, "yaml");
        String groovyClasses = loadedClasses(groovy, "groovy");

        assertTrue(yamlClasses.contains("] io.jobrun.dsl.yaml.YamlJobLoader "), "the log lists what was loaded");
        assertFalse(loadsCompiler(yamlClasses), () -> "Groovy compiler classes in a YAML run: " + yamlClasses.lines()
                .filter(line -> line.contains("groovy")).toList());
        assertTrue(loadsCompiler(groovyClasses), "a Groovy file's first run compiles it");
    }

    @Test
    void unchangedGroovyFileIsNotCompiledOnItsNextRunsAndAChangedOneIs() throws Exception {
        Path groovy = Files.writeString(dir.resolve("again.groovy"), "task 'hi', { 'hello' }\n");

        boolean first = loadsCompiler(loadedClasses(groovy, "first"));
        boolean second = loadsCompiler(loadedClasses(groovy, "second"));
        Files.writeString(groovy, "task 'hi', { 'hello again' }\n");
        boolean changed = loadsCompiler(loadedClasses(groovy, "changed"));

        assertTrue(first, "the first run compiles");
        assertFalse(second, "the second run of the unchanged file uses its kept classes");
        assertTrue(changed, "a changed file compiles again");
    }

    @Test
    void groovyRuntimeGetsReadyOnAThreadOfItsOwnWhileAYamlRunStartsNone() throws Exception {
        Path groovy = Files.writeString(dir.resolve("warm.groovy"), "task 'hi', { 'hello' }\n");
        Path yaml = Files.writeString(dir.resolve("warm.yaml"), "tasks:\n  hi:\n    shell: echo hello\n");
        loadedClasses(groovy, "compile"); // the first run compiles; the next ones are the usual kind

        String groovyInits = initializedClasses(groovy, "groovy");
        String yamlInits = initializedClasses(yaml, "yaml");

        assertTrue(groovyInits.lines().anyMatch(line -> line.contains("'org/codehaus/groovy/runtime/metaclass/"
                + "MetaClassRegistryImpl'") && line.contains("by thread \"jobrun-groovy-warmup\"")), () -> groovyInits
                .lines().filter(line -> line.contains("MetaClassRegistryImpl")).toList().toString());
        assertFalse(yamlInits.contains("jobrun-groovy-warmup"), "a YAML run warms no Groovy up");
    }

    /**
     * Looking for a service or a missing resource on the class path opens every jar on it (Hazelcast's alone has
     * 12,000 entries: tens of milliseconds). A run that logs nothing sets up no slf4j (which looks for its settings
     * file in every jar), and the JDK's look-up for a logging back-end at a JVM's first process start is made
     * beforehand, in the background: by a thread of its own that a YAML run starts at its beginning, or by the one that
     * starts the shell watchdog's loop when it gets there first.
     */
    @Test
    void oneTaskYamlRunLooksForNoServiceOnItsMainOrTaskThread() throws Exception {
        Path yaml = Files.writeString(dir.resolve("services.yaml"), "tasks:\n  hi:\n    shell: echo hello\n");

        String inits = initializedClasses(yaml, "yaml");

        assertTrue(inits.contains("'io/jobrun/futures/Future'"), "the log lists what was initialized");
        assertFalse(inits.contains("'org/slf4j/LoggerFactory'"), "a run that logs nothing sets up no slf4j");
        assertInitializedBy(List.of("jobrun-logging-setup", "jobrun-shell-watchdog-start"), inits,
                "java/util/ServiceLoader$LazyClassPathLookupIterator",
                "jdk/internal/logger/BootstrapLogger$DetectBackend");
    }

    /** Each of {@code classes} was initialized once in the run whose log is {@code inits}, by the thread named so. */
    private static void assertInitializedBy(String thread, String inits, String... classes) {
        assertInitializedBy(List.of(thread), inits, classes);
    }

    /** Each of {@code classes} was initialized once in the run whose log is {@code inits}, by one of {@code threads}.
     */
    private static void assertInitializedBy(List<String> threads, String inits, String... classes) {
        List<String> lines = inits.lines().filter(line -> Arrays.stream(classes)
                .anyMatch(name -> line.contains("Initializing '" + name + "'"))).toList();
        assertEquals(classes.length, lines.size(), inits);
        assertTrue(lines.stream().allMatch(line -> threads.stream()
                .anyMatch(thread -> line.endsWith("by thread \"" + thread + "\""))), lines::toString);
    }

    /**
     * The first random UUID and the first SHA-256 of a run (its identity, made once its file is read) set up the JDK's
     * security providers and seed its secure generator: 20 to 30 ms, done beside the start of the command line in
     * either syntax, and never again on the main thread.
     */
    @Test
    void oneTaskRunOfEachSyntaxSetsUpSecureRandomAndSha256OffItsMainThread() throws Exception {
        Path groovy = Files.writeString(dir.resolve("identity.groovy"), "task 'hi', { 'hello' }\n");
        Path yaml = Files.writeString(dir.resolve("identity.yaml"), "tasks:\n  hi:\n    shell: echo hello\n");
        loadedClasses(groovy, "compile");

        for (String inits : List.of(initializedClasses(groovy, "groovy"), initializedClasses(yaml, "yaml"))) {
            assertInitializedBy("jobrun-identity-setup", inits, "java/security/SecureRandom",
                    "sun/security/jca/Providers", "java/security/MessageDigest");
        }
    }

    /**
     * A record's own toString, equals and hashCode are linked on first use through a chain of method handles that the
     * start-up cache cannot keep (tens of milliseconds): what every run calls before its first task spells them out.
     * The first number {@code String.format} writes sets up the JDK's locale data (5-15 ms): the progress line and
     * the summary write theirs out.
     */
    @Test
    void oneTaskRunOfEachSyntaxLinksNoRecordMethodAndSetsUpNoLocaleData() throws Exception {
        Path groovy = Files.writeString(dir.resolve("plain.groovy"), "task 'hi', { 'hello' }\n");
        Path yaml = Files.writeString(dir.resolve("plain.yaml"), "tasks:\n  hi:\n    shell: echo hello\n");
        loadedClasses(groovy, "compile");

        String groovyInits = initializedClasses(groovy, "groovy");
        String yamlInits = initializedClasses(yaml, "yaml");

        assertTrue(groovyInits.contains("'io/jobrun/run/Interpreter'"), "the log lists what was initialized");
        assertFalse(groovyInits.contains("'java/lang/runtime/ObjectMethods'"), "a record method linked in a Groovy run");
        assertFalse(yamlInits.contains("'java/lang/runtime/ObjectMethods'"), "a record method linked in a YAML run");
        assertFalse(groovyInits.contains("'java/text/DecimalFormatSymbols'"), "locale data set up in a Groovy run");
        assertFalse(yamlInits.contains("'java/text/DecimalFormatSymbols'"), "locale data set up in a YAML run");
    }

    /**
     * Groovy 5's formatter sets up the compiler's resolver on its first use, which walks the JDK's modules and Groovy's
     * jar (0.2 s): a kept file's strings with values, its methods' String results, its printed lists and maps, a list's
     * {@code join} and {@code +} of a string and a value are written without it ({@code PlainGString},
     * {@code TextExtensions}).
     */
    @Test
    void keptGroovyFileFormatsTextNumbersListsAndMapsWithoutGroovysFormatter() throws Exception {
        Path groovy = Files.writeString(dir.resolve("format.groovy"), """
                String greet(String name) { "Hello, ${name}!" }
                task 'hi', {
                    String s = "${greet('you')} ${[1, 'a', [k: 2.5]]} ${[:]} ${null} ${true}"
                    println s
                    println([n: [1, 2]])
                    "${s.size()} " + [1, 'a'].join(', ') + 2
                }
                """);
        loadedClasses(groovy, "compile");

        String inits = initializedClasses(groovy, "kept");

        assertTrue(inits.contains("'io/jobrun/dsl/groovy/PlainGString'"), "the log lists what was initialized");
        assertFalse(inits.contains("'org/codehaus/groovy/runtime/FormatHelper'"), "Groovy's formatter was set up");
        assertFalse(inits.contains("'org/codehaus/groovy/control/ResolveVisitor'"), "the compiler's resolver was set up");
    }
}
