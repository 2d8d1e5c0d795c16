package io.jobrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reads the import lines to keep dependencies pointing one way; see shared/STYLE.md. */
class ArchitectureTests {
    private static final Path MAIN = Path.of("src/main/java/io/jobrun");

    private static List<String> violations(String packageDir, String... forbidden) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve(packageDir))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    boolean code = !line.strip().startsWith("*") && !line.strip().startsWith("/");
                    for (String prefix : forbidden) {
                        boolean isImport = line.startsWith("import ");
                        if (code && line.contains(prefix) && (isImport || prefix.startsWith("System."))) {
                            found.add(MAIN.relativize(file) + ": " + line.strip());
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void futuresKnowNothingOfJobs() throws IOException {
        assertEquals(List.of(), violations("futures", "io.jobrun.job", "io.jobrun.run", "io.jobrun.dsl",
                "io.jobrun.report", "io.jobrun.cli", "io.jobrun.task", "io.jobrun.cluster"));
    }

    /** The cluster executor is an executor like the pools: it knows tasks, not jobs. */
    @Test
    void theClusterKnowsNothingOfJobs() throws IOException {
        assertEquals(List.of(), violations("cluster", "io.jobrun.job", "io.jobrun.run", "io.jobrun.dsl",
                "io.jobrun.report", "io.jobrun.cli", "io.jobrun.task", "System.out", "System.err", "System.exit"));
    }

    /** Hazelcast stays in one package, so the rest of jobrun neither sees nor depends on it. */
    @Test
    void onlyTheClusterPackageNamesHazelcast() throws IOException {
        List<String> found = new ArrayList<>();
        Path allowed = MAIN.resolve("cluster");
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(allowed)).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String code = line.strip();
                    if (!code.startsWith("*") && !code.startsWith("/") && code.contains("com.hazelcast")) {
                        found.add(MAIN.relativize(file) + ": " + code);
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theModelKnowsNoSyntaxNoRunnerAndNoReport() throws IOException {
        assertEquals(List.of(), violations("job", "groovy.", "org.codehaus", "io.jobrun.run", "io.jobrun.dsl",
                "io.jobrun.report", "io.jobrun.cli", "io.jobrun.task"));
    }

    @Test
    void onlyTheGroovyFrontImportsGroovy() throws IOException {
        for (String dir : new String[] {"futures", "job", "task", "run", "report", "cli"}) {
            assertEquals(List.of(), violations(dir, "import groovy.", "import org.codehaus.", "import org.apache.groovy"));
        }
    }

    @Test
    void theRunnerAndReportsDoNotDependOnAFront() throws IOException {
        for (String dir : new String[] {"run", "report", "task"}) {
            assertEquals(List.of(), violations(dir, "io.jobrun.dsl", "io.jobrun.cli"));
        }
    }

    /**
     * The polyglot jars are not on jobrun's class path; only the package that PolyglotLoader defines in its own class
     * loader may name their types, or a class elsewhere would fail to load (or load them for every run).
     */
    @Test
    void onlyTheScriptEnginesPolyglotPackageImportsGraalvm() throws IOException {
        List<String> found = new ArrayList<>();
        Path allowed = MAIN.resolve("task/script/polyglot");
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(allowed)).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("import org.graalvm") || line.startsWith("import com.oracle.truffle")) {
                        found.add(MAIN.relativize(file) + ": " + line.strip());
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /** The process pool's worker main is a program of its own (it owns its stdout for the protocol), so not here. */
    @Test
    void onlyTheCliTouchesSystemStreamsAndExit() throws IOException {
        for (String dir : new String[] {"job", "task", "run", "report", "dsl"}) {
            assertEquals(List.of(), violations(dir, "System.out", "System.err", "System.exit"));
        }
    }
}
