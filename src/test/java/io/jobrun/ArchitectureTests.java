package io.jobrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps dependencies pointing one way (see shared/STYLE.md). It reads the code, comments left out, so a package
 * named by a fully-qualified name or in a string counts as much as an import.
 */
class ArchitectureTests {
    /**
     * The parts of the layout, each a package with the packages inside it; the longest that holds a package is its
     * part. Between parts, dependencies must not go round in a circle.
     */
    private static final List<String> PARTS = List.of("io.jobrun.futures", "io.jobrun.futures.process",
            "io.jobrun.job", "io.jobrun.task", "io.jobrun.dsl.groovy", "io.jobrun.dsl.yaml", "io.jobrun.run",
            "io.jobrun.report", "io.jobrun.cli", "io.jobrun.cluster", "io.jobrun.executors", "io.jobrun.bench",
            "io.jobrun.journal", "io.jobrun.resume", "io.jobrun.json");

    private static List<JavaSource> sources;

    @BeforeAll
    static void read() throws IOException {
        sources = JavaSource.all();
    }

    /** Where a package of {@code part} names one of {@code forbidden} (a package and those inside it). */
    private static List<String> violations(String part, String... forbidden) {
        List<String> found = new ArrayList<>();
        for (JavaSource source : sources) {
            if (!source.in(part)) {
                continue;
            }
            for (String named : source.namedPackages()) {
                for (String prefix : forbidden) {
                    if (named.equals(prefix) || named.startsWith(prefix + ".")) {
                        found.add(JavaSource.MAIN.relativize(source.file()) + " names " + named);
                    }
                }
            }
        }
        return found;
    }

    /** The files outside {@code allowed} that name a package of {@code library}. */
    private static List<String> outside(List<String> allowed, String... library) {
        List<String> found = new ArrayList<>();
        for (JavaSource source : sources) {
            if (allowed.stream().noneMatch(source::in)) {
                for (String named : source.namedPackages()) {
                    for (String prefix : library) {
                        if (named.equals(prefix) || named.startsWith(prefix + ".")) {
                            found.add(JavaSource.MAIN.relativize(source.file()) + " names " + named);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static List<String> codeContaining(String part, String... texts) {
        List<String> found = new ArrayList<>();
        for (JavaSource source : sources) {
            if (source.in(part)) {
                for (String text : texts) {
                    found.addAll(source.linesContaining(text));
                }
            }
        }
        return found;
    }

    private static String partOf(String packageName) {
        String part = null;
        for (String candidate : PARTS) {
            boolean holds = packageName.equals(candidate) || packageName.startsWith(candidate + ".");
            if (holds && (part == null || candidate.length() > part.length())) {
                part = candidate;
            }
        }
        return part;
    }

    @Test
    void theReaderSeesFullyQualifiedNamesAndClassNamesInStringsButNotComments() {
        JavaSource source = JavaSource.of(Path.of("X.java"), """
                package io.jobrun.job;
                // io.jobrun.cli is only mentioned here
                /* and io.jobrun.report.Reports here,
                   over two lines */
                class X {
                    io.jobrun.run.Interpreter interpreter = null;
                    String name = "org.snakeyaml.engine.v2.api.Load";
                    String url = "http://example.com//io.jobrun.dsl";
                    char quote = '"';
                    Object y = new groovy.lang.Binding(); // io.jobrun.bench
                }
                """);
        assertEquals(Set.of("io.jobrun.run", "org.snakeyaml.engine.v2.api", "io.jobrun.dsl", "groovy.lang"),
                source.namedPackages());
    }

    @Test
    void everyPackageIsInAPartOfTheLayout() {
        Set<String> outside = new TreeSet<>();
        for (JavaSource source : sources) {
            if (partOf(source.packageName()) == null) {
                outside.add(source.packageName());
            }
        }
        assertEquals(Set.of(), outside, "add the package to PARTS, and to the layout in shared/STYLE.md");
    }

    @Test
    void thePartsDependOnEachOtherWithoutCycles() {
        assertEquals(List.of(), cycles(ArchitectureTests::partOf));
    }

    /**
     * Inside a part too: a package and the packages inside it ({@code job} and {@code job.expr}) depend one way, so
     * that the inner one can be read, tested and reused without the outer one.
     */
    @Test
    void thePackagesDependOnEachOtherWithoutCycles() {
        assertEquals(List.of(), cycles(packageName -> packageName));
    }

    /** One cycle through each unit that is on one, where {@code unitOf} says which unit a package belongs to. */
    private static List<List<String>> cycles(java.util.function.UnaryOperator<String> unitOf) {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (JavaSource source : sources) {
            String from = unitOf.apply(source.packageName());
            for (String named : source.namedPackages()) {
                String to = named.startsWith("io.jobrun.") ? unitOf.apply(named) : null;
                if (from != null && to != null && !to.equals(from)) {
                    uses.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            }
        }
        List<List<String>> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            List<String> cycle = cycleFrom(start, uses, new ArrayList<>(List.of(start)));
            if (cycle != null) {
                cycles.add(cycle);
            }
        }
        return cycles;
    }

    /** A path from the last of {@code path} back to its first, or null. */
    private static List<String> cycleFrom(String start, Map<String, Set<String>> uses, List<String> path) {
        for (String next : uses.getOrDefault(path.getLast(), Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (!path.contains(next)) {
                path.add(next);
                List<String> found = cycleFrom(start, uses, path);
                if (found != null) {
                    return found;
                }
                path.removeLast();
            }
        }
        return null;
    }

    @Test
    void aCycleBetweenPartsIsFound() {
        Map<String, Set<String>> uses = new LinkedHashMap<>();
        uses.put("a", Set.of("b"));
        uses.put("b", Set.of("c"));
        uses.put("c", Set.of("a"));
        assertEquals(List.of("a", "b", "c", "a"), cycleFrom("a", uses, new ArrayList<>(List.of("a"))));
        uses.put("c", Set.of());
        assertEquals(null, cycleFrom("a", uses, new ArrayList<>(List.of("a"))));
    }

    @Test
    void futuresKnowNothingOfJobs() {
        assertEquals(List.of(), violations("io.jobrun.futures", "io.jobrun.job", "io.jobrun.run", "io.jobrun.dsl",
                "io.jobrun.report", "io.jobrun.cli", "io.jobrun.task", "io.jobrun.cluster", "io.jobrun.executors"));
    }

    /** The cluster executor is an executor like the pools: it knows tasks, not jobs. */
    @Test
    void theJsonPackageDependsOnNothingOfOurs() {
        assertEquals(List.of(), violations("io.jobrun.json", PARTS.stream().filter(part -> !part.equals("io.jobrun.json"))
                .toArray(String[]::new)));
    }

    @Test
    void theClusterKnowsNothingOfJobs() {
        assertEquals(List.of(), violations("io.jobrun.cluster", "io.jobrun.job", "io.jobrun.run", "io.jobrun.dsl",
                "io.jobrun.report", "io.jobrun.cli", "io.jobrun.task", "io.jobrun.executors"));
        assertEquals(List.of(), codeContaining("io.jobrun.cluster", "System.out", "System.err", "System.exit"));
    }

    /** Hazelcast stays in one package, so the rest of jobrun neither sees nor depends on it. */
    @Test
    void onlyTheClusterPackageNamesHazelcast() {
        assertEquals(List.of(), outside(List.of("io.jobrun.cluster"), "com.hazelcast"));
    }

    @Test
    void theModelKnowsNoSyntaxNoRunnerAndNoReport() {
        assertEquals(List.of(), violations("io.jobrun.job", "groovy", "org.codehaus.groovy", "org.apache.groovy",
                "org.snakeyaml", "io.jobrun.run", "io.jobrun.dsl", "io.jobrun.report", "io.jobrun.cli",
                "io.jobrun.task", "io.jobrun.executors"));
    }

    @Test
    void onlyTheGroovyFrontNamesGroovy() {
        assertEquals(List.of(), outside(List.of("io.jobrun.dsl.groovy"), "groovy", "org.codehaus.groovy",
                "org.apache.groovy"));
    }

    @Test
    void onlyTheYamlFrontNamesSnakeyaml() {
        assertEquals(List.of(), outside(List.of("io.jobrun.dsl.yaml"), "org.snakeyaml"));
    }

    @Test
    void theRunnerAndReportsDoNotDependOnAFront() {
        for (String part : new String[] {"io.jobrun.run", "io.jobrun.report", "io.jobrun.task"}) {
            assertEquals(List.of(), violations(part, "io.jobrun.dsl", "io.jobrun.cli"));
        }
    }

    /**
     * The polyglot jars are not on jobrun's class path; only the package that PolyglotLoader defines in its own class
     * loader may name their types, or a class elsewhere would fail to load (or load them for every run).
     */
    @Test
    void onlyTheScriptEnginesPolyglotPackageNamesGraalvm() {
        assertEquals(List.of(), outside(List.of("io.jobrun.task.script.polyglot"), "org.graalvm",
                "com.oracle.truffle"));
    }

    /** The process pool's worker main is a program of its own (it owns its stdout for the protocol), so not here. */
    @Test
    void onlyTheCliTouchesSystemStreamsAndExit() {
        for (String part : new String[] {"io.jobrun.job", "io.jobrun.task", "io.jobrun.run", "io.jobrun.report",
            "io.jobrun.dsl", "io.jobrun.executors"}) {
            assertEquals(List.of(), codeContaining(part, "System.out", "System.err", "System.exit"));
        }
        assertTrue(sources.stream().anyMatch(s -> s.in("io.jobrun.cli") && !s.linesContaining("System.exit").isEmpty()),
                "the CLI is where the exit is");
    }
}
